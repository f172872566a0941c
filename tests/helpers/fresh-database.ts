import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeEach, inject } from 'vitest';

/**
 * A fresh, empty database for each test of the file, as a new deployment has, all dropped
 * after the file (their connections forced off: a server process may still hold one).
 * `url()` is the current test's.
 */
export function freshDatabasePerTest(prefix: string): { url: () => string } {
  const adminUrl = inject('pgAdminUrl');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const databases: string[] = [];
  let url = '';
  beforeEach(async () => {
    const name = `${prefix}_${randomBytes(6).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    databases.push(name);
    url = adminUrl.replace(/\/postgres$/, `/${name}`);
  });
  afterAll(async () => {
    for (const name of databases)
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return { url: () => url };
}
