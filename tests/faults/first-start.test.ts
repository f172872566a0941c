import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabasePerTest } from '../helpers/fresh-database';
import { demoAdminToken, type ServerProcess, spawnServer } from '../helpers/process';

const scratch = await mkdtemp(path.join(tmpdir(), 'inbox-first-start-'));
const processes: ServerProcess[] = [];
const databases = freshDatabasePerTest('first');

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await rm(scratch, { recursive: true, force: true });
});

async function workspaceCount(): Promise<number> {
  const db = postgres(databases.url(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await db`select count(*)::int as n from workspaces`;
    return row!.n as number;
  } finally {
    await db.end();
  }
}

// The secrets come from the environment (vitest's), so nothing else creates DATA_DIR.
describe('the first start with DATABASE_URL', () => {
  it('creates a missing DATA_DIR, seeds the demo workspace and prints a login that works', async () => {
    const dataDir = path.join(scratch, 'not-there-yet', 'data');
    const run = await spawnServer({
      DATABASE_URL: databases.url(),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
    });
    processes.push(run);
    await demoAdminToken(run);
    expect(existsSync(path.join(dataDir, 'demo-login.json'))).toBe(true);
    expect(await run.stop()).toBe(0);
  });

  it('seeds nothing when the login cannot be kept, and a later start seeds and prints it', async () => {
    // DATA_DIR's parent is a file: the directory cannot be made.
    const blocked = path.join(scratch, 'a-file');
    await writeFile(blocked, '');
    const failed = await spawnServer({
      DATABASE_URL: databases.url(),
      DATA_DIR: path.join(blocked, 'data'),
      SEED_DEMO: 'true',
    }).catch((err: Error) => err);
    expect(String(failed)).toMatch(/exited early[\s\S]*ENOTDIR/);
    expect(await workspaceCount()).toBe(0);

    const run = await spawnServer({
      DATABASE_URL: databases.url(),
      DATA_DIR: path.join(scratch, 'data'),
      SEED_DEMO: 'true',
    });
    processes.push(run);
    await demoAdminToken(run);
    expect(await workspaceCount()).toBe(1);
  });
});
