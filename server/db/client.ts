import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

function createDb(sql: postgres.Sql) {
  return drizzle({ client: sql, schema, casing: 'snake_case' });
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Services take `tx: DbOrTx = db` so callers can compose them in one transaction. */
export type DbOrTx = Db | Tx;

/**
 * The process-wide connection. Live ESM bindings: importers see the value set by connectDb,
 * which main.ts (or the test setup) calls once the database URL is known.
 */
export let sql: postgres.Sql;
export let db: Db;

export function connectDb(url: string, options: { max?: number } = {}): Db {
  sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'support-inbox' },
  });
  db = createDb(sql);
  return db;
}

export async function closeDb(): Promise<void> {
  await sql?.end({ timeout: 2 });
}
