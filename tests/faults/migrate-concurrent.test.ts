import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type ServerProcess, spawnServer } from '../helpers/process';

const adminUrl = inject('pgAdminUrl');
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const name = `fresh_${randomBytes(6).toString('hex')}`;
await admin.unsafe(`create database ${name}`);
const url = adminUrl.replace(/\/postgres$/, `/${name}`);
const dataDir = await mkdtemp(path.join(tmpdir(), 'inbox-migrate-'));
const processes: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
  await rm(dataDir, { recursive: true, force: true });
});

describe('processes started together on a fresh database', () => {
  it('all come up, the migrations and the demo seed applied once', async () => {
    const env = { DATABASE_URL: url, DATA_DIR: dataDir, SEED_DEMO: 'true' };
    const results = await Promise.allSettled(
      [['--role=api'], ['--role=worker'], ['--role=api']].map((args) => spawnServer(env, args)),
    );
    for (const r of results) if (r.status === 'fulfilled') processes.push(r.value);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual([
      'up',
      'up',
      'up',
    ]);

    const db = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const journal = JSON.parse(
        await readFile(path.resolve('drizzle/meta/_journal.json'), 'utf8'),
      ) as { entries: { tag: string }[] };
      const [ours] = await db`select count(*)::int as n, count(distinct hash)::int as distinct_n
        from drizzle.__drizzle_migrations`;
      expect(ours).toEqual({ n: journal.entries.length, distinct_n: journal.entries.length });
      const [theirs] = await db`select count(*)::int as n, count(distinct id)::int as distinct_n
        from graphile_worker.migrations`;
      expect(theirs!.n).toBe(theirs!.distinct_n);
      const [workspaces] = await db`select count(*)::int as n from workspaces`;
      expect(workspaces!.n).toBe(1);
    } finally {
      await db.end();
    }
  });
});
