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
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
