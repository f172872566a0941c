import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from './helpers/process';
import { freePort } from './setup/global';

const dataDir = await mkdtemp(path.join(tmpdir(), 'inbox-proc-'));
const pgPort = await freePort();
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postmasterPid(): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

async function startServer() {
  // The real process generates and keeps its own secrets in DATA_DIR.
  const run = await spawnServer({
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    SEED_DEMO: 'true',
    JWT_SECRET: undefined,
    ENCRYPTION_KEY: undefined,
    DATABASE_URL: undefined,
  });
  children.push(run.child);
  const health = await (await fetch(`${run.url}/healthz`)).json();
  const exited = new Promise<number | null>((resolve) => {
    if (run.child.exitCode !== null) resolve(run.child.exitCode);
    run.child.on('exit', (code) => resolve(code));
  });
  return { ...run, exited, health };
}

describe('the server process', () => {
  it('starts on an embedded PostgreSQL, seeds a demo login, and stops cleanly on SIGTERM', async () => {
    const run = await startServer();
    expect(run.health).toEqual({ status: 'ok', database: 'up', worker: 'running' });
    const match = /Demo login: (\S+) \/ (\S+)/.exec(run.output());
    expect(match, run.output()).not.toBeNull();
    const login = await fetch(`${run.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: match![1], password: match![2] }),
    });
    expect(login.status).toBe(200);
    const pgPid = postmasterPid();
    expect(pgPid && alive(pgPid)).toBe(true);

    const stoppedAt = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(alive(pgPid!)).toBe(false);
    expect(postmasterPid()).toBeNull();
  });

  it('after a SIGKILL, stops the orphaned postmaster and starts again with the same data', async () => {
    const first = await startServer();
    const orphan = postmasterPid()!;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(orphan)).toBe(true);

    const second = await startServer();
    expect(alive(orphan)).toBe(false);
    // Same data dir, same demo login: nothing was seeded twice, the old password still works.
    const match = /Demo login: (\S+) \/ (\S+)/.exec(second.output());
    const login = await fetch(`${second.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: match![1], password: match![2] }),
    });
    expect(login.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postmasterPid()).toBeNull();
  });
});
