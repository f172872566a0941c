import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * One embedded PostgreSQL for the whole run; the schema is migrated once into a template
 * database that every test file clones (tests/setup/per-file.ts).
 */
export default async function setup(project: TestProject) {
  process.env.LOG_LEVEL = 'silent';
  const { logger } = await import('../../server/logger');
  const { startEmbeddedPostgres } = await import('../../server/db/embedded');
  const { migrateDatabase } = await import('../../server/db/migrate');
  const postgres = (await import('postgres')).default;

  const dir = await mkdtemp(path.join(tmpdir(), 'inbox-test-'));
  const pg = await startEmbeddedPostgres(dir, await freePort(), logger);
  const template = 'inbox_template';
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  await admin.end();
  await migrateDatabase(pg.url.replace(/\/postgres$/, `/${template}`));

  project.provide('pgAdminUrl', pg.url);
  project.provide('pgTemplate', template);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
