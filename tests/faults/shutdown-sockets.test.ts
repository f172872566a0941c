import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  demoAdminToken,
  groupAlive,
  processesWorkingIn,
  type ServerProcess,
  spawnServer,
} from '../helpers/process';
import { eventually } from '../helpers/worker';
import { freePort } from '../setup/global';

// One embedded cluster for the file (initialised once), started and stopped by each server.
const dataDir = await mkdtemp(path.join(tmpdir(), 'inbox-shutdown-'));
const pgPort = await freePort();
const started: ServerProcess[] = [];

afterAll(async () => {
  for (const run of started)
    if (groupAlive(run.child.pid!)) process.kill(-run.child.pid!, 'SIGKILL');
  for (const pid of processesWorkingIn(path.join(dataDir, 'pg'))) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

async function startInGroup(via: 'node' | 'npm') {
  const run = await spawnServer(
    {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SEED_DEMO: 'true',
      DATABASE_URL: undefined,
    },
    [],
    { via, group: true },
  );
  started.push(run);
  return run;
}

interface Watched {
  closeCode: Promise<number>;
  frames: unknown[];
}

function watch(ws: WebSocket): Watched {
  const frames: unknown[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  return { frames, closeCode: new Promise((resolve) => ws.once('close', resolve)) };
}

/** Three /messages gateway sockets and one tRPC socket with the inbox subscription running. */
async function openClients(url: string, token: string): Promise<Watched[]> {
  const base = url.replace('http', 'ws');
  const gateway = [1, 2, 3].map(() => new WebSocket(`${base}/messages?token=${token}`));
  const trpc = new WebSocket(`${base}/trpc?connectionParams=1`);
  const watched = [...gateway, trpc].map(watch);
  await Promise.all([...gateway, trpc].map((ws) => new Promise((r) => ws.once('open', r))));
  trpc.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
  trpc.send(
    JSON.stringify({
      id: 1,
      method: 'subscription',
      params: { path: 'realtime.inbox', input: { lastEventId: null } },
    }),
  );
  const trpcFrames = watched[3]!.frames as { id: number; result?: { type: string } }[];
  await eventually(async () => trpcFrames.some((f) => f.id === 1 && f.result?.type === 'started'));
  return watched;
}

async function expectStoppedCleanly(run: ServerProcess, clients: Watched[]) {
  // Exit code 0: the shutdown finished its steps (the deadline that forces it exits 1).
  expect(await run.exited, run.output()).toBe(0);
  const codes = await Promise.all(clients.map((c) => c.closeCode));
  expect(codes).toEqual([1012, 1012, 1012, 1012]);
  // The tRPC client is told to reconnect before its socket closes.
  expect(clients[3]!.frames).toContainEqual({ id: null, method: 'reconnect' });
  await eventually(async () => !groupAlive(run.child.pid!));
  expect(processesWorkingIn(path.join(dataDir, 'pg'))).toEqual([]);
}

describe('shutting down with clients connected', () => {
  it('SIGTERM to `npm start` reaches the server, which closes its sockets with 1012 and stops postgres', async () => {
    const run = await startInGroup('npm');
    const clients = await openClients(run.url, await demoAdminToken(run));
    process.kill(run.child.pid!, 'SIGTERM');
    await expectStoppedCleanly(run, clients);
  });

  it('SIGINT to the whole process group (Ctrl-C) does the same', async () => {
    const run = await startInGroup('npm');
    const clients = await openClients(run.url, await demoAdminToken(run));
    process.kill(-run.child.pid!, 'SIGINT');
    await expectStoppedCleanly(run, clients);
  });
});
