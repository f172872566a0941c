import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { closeDb, connectDb } from '../../server/db/client';
import { mockServer } from '../mocks/server';

// Each test file gets its own database, cloned from the migrated template.
const adminUrl = inject('pgAdminUrl');
const name = `test_${randomBytes(6).toString('hex')}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template ${inject('pgTemplate')}`);
export const databaseUrl = adminUrl.replace(/\/postgres$/, `/${name}`);
connectDb(databaseUrl, { max: 5 });

beforeAll(() => mockServer.listen({ onUnhandledRequest: mockServer.unhandled }));
afterEach(() => mockServer.resetHandlers());
afterAll(async () => {
  mockServer.close();
  await closeDb();
  // A pool that is still closing (a worker stopped a moment ago) gets up to a second to leave:
  // a backend terminated under a client that is ending is an uncaught error in that file.
  for (let waited = 0; waited < 1_000; waited += 50) {
    const [row] =
      await admin`select count(*)::int as n from pg_stat_activity where datname = ${name}`;
    if (row!.n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
