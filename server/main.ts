import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { identityCache } from './auth/identity-cache';
import { config } from './config';
import { closeDb, connectDb, sql } from './db/client';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded';
import { migrateDatabase } from './db/migrate';
import { seedDemoIfEmpty } from './demo/seed';
import { createApp, type HealthState } from './http/app';
import { ensureConsoleBuilt } from './http/console';
import { withMessageSend } from './http/message-send';
import { attachWebSockets, type SocketServers } from './http/ws-server';
import { startWorker, type WorkerHandle } from './jobs/worker';
import { logger } from './logger';
import { handleProcessFaults } from './process-faults';
import { hub } from './realtime/hub';

type Role = 'all' | 'api' | 'worker';
const roleArg = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
const role: Role = roleArg === 'api' || roleArg === 'worker' ? roleArg : 'all';
const runsApi = role !== 'worker';
const runsWorker = role !== 'api';

const SHUTDOWN_DEADLINE_MS = 5_000;
const health: HealthState = {
  ready: false,
  database: 'starting',
  worker: runsWorker ? 'starting' : 'disabled',
  databaseAnswers,
};
/** How long /healthz waits for the database's answer before calling it down. */
const HEALTH_PROBE_MS = 1_000;

let embedded: EmbeddedDatabase | undefined;
let worker: WorkerHandle | undefined;
let sockets: SocketServers | undefined;
const app = createApp(health, { api: runsApi });
const server = createServer(runsApi ? withMessageSend(app, health) : app);
if (runsApi) sockets = attachWebSockets(server);

async function start() {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = config.PUBLIC_URL ?? `http://localhost:${port}`;
  logger.info({ port, role }, 'listening; /healthz answers 503 until ready');

  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres(
      config.dataDir,
      config.EMBEDDED_PG_PORT,
      logger,
      (err) => {
        logger.fatal({ err }, 'embedded PostgreSQL died and could not be restarted; exiting');
        void shutdown('postgres lost', 1);
      },
    );
  }
  const url = config.DATABASE_URL ?? embedded!.url;
  await migrateDatabase(url);
  connectDb(url);
  health.database = 'up';
  if (runsApi) {
    await hub.start(sql);
    await identityCache.start(sql);
  }

  const demo = config.SEED_DEMO ? await seedDemoIfEmpty(config.dataDir) : null;
  if (runsApi && config.BUILD_CONSOLE) await ensureConsoleBuilt(logger);
  if (runsWorker) {
    worker = await startWorker(url);
    health.worker = 'running';
  }
  health.ready = true;
  logger.info({ url: baseUrl }, 'ready');
  if (runsApi) {
    console.log(`\n  Support Inbox is running: ${baseUrl}`);
    // Printed, never logged: the demo's own generated passwords, for a first look.
    if (demo) {
      console.log(`  Demo login: ${demo.email} / ${demo.password} (admin)`);
      for (const agent of demo.agents)
        console.log(`  Demo agent: ${agent.email} / ${agent.password}`);
    }
    console.log('');
  }
}

/** The database answers a query: /healthz is 503 while it does not (no pool, or no answer). */
async function databaseAnswers(): Promise<boolean> {
  if (!sql) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_PROBE_MS);
  });
  const answer = sql`select 1`.then(
    () => true,
    () => false,
  );
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

let stopping = false;
async function shutdown(reason: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  health.ready = false;
  logger.info({ reason }, 'shutting down');
  const deadline = setTimeout(() => {
    logger.error('shutdown deadline passed; forcing exit');
    embedded?.kill();
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  // Each step has its own bound, so one that hangs (a LISTEN or a pool still reconnecting after
  // a database outage) is logged by name and the next steps still run before the deadline.
  const step = async (name: string, fn: () => Promise<unknown> | unknown, boundMs?: number) => {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'late'>((resolve) => {
      if (boundMs) timer = setTimeout(() => resolve('late'), boundMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(fn), bound]);
      if (outcome === 'late')
        logger.warn({ step: name, boundMs }, 'shutdown step is late; going on');
    } catch (err) {
      logger.error({ err, step: name }, 'shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  };
  // Order: stop taking work (http, ws), finish jobs, close the pool, then stop postgres. The
  // sockets close alongside HTTP: server.close() waits for upgraded connections too.
  await Promise.all([
    step(
      'http',
      () => {
        const closed = new Promise((resolve) => server.close(resolve));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
        return closed;
      },
      1_500,
    ),
    step('ws', () => sockets?.close(), 1_500),
  ]);
  await step('hub', () => Promise.all([hub.stop(), identityCache.stop()]), 400);
  await step(
    'worker',
    async () => {
      await worker?.stop();
      health.worker = 'stopped';
    },
    1_200,
  );
  await step('database', () => closeDb(), 800);
  await step('postgres', () => embedded?.stop());
  clearTimeout(deadline);
  logger.info('stopped');
  process.exit(exitCode);
}

handleProcessFaults(logger, (reason) => void shutdown(reason, 1));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

start().catch(async (err) => {
  logger.fatal({ err }, 'start-up failed');
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
