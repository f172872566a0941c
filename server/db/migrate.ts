import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { runMigrations } from 'graphile-worker';
import postgres from 'postgres';
import { graphileLogger } from '../graphile-logger';

const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../drizzle',
);

/**
 * One key for every process of every version: processes started together on one database
 * (an API, a worker, more APIs) take turns, and each after the first finds nothing to do.
 * Without it their `create ... if not exists` statements race in the catalogue (a duplicate
 * key in pg_type or pg_namespace) and all but one exit.
 */
const MIGRATION_LOCK = 'support-inbox migrations';

/**
 * Applies our drizzle migrations, then graphile-worker's own schema, holding a session-level
 * advisory lock on the connection that runs drizzle's (max 1: every statement of it, the
 * lock's included, goes through that one session).
 */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(hashtext(${MIGRATION_LOCK}))`;
    await migrate(drizzle({ client: sql }), { migrationsFolder });
    await runMigrations({ connectionString: url, logger: graphileLogger });
    await sql`select pg_advisory_unlock(hashtext(${MIGRATION_LOCK}))`;
  } finally {
    // Closing the session releases the lock too, should a migration have failed.
    await sql.end({ timeout: 2 });
  }
}
