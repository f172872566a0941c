import { DrizzleQueryError } from 'drizzle-orm/errors';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

type Unsafe = (query: string, params?: unknown[], options?: { prepare?: boolean }) => unknown;

/**
 * drizzle runs every query it builds unnamed (`prepare: false`), and postgres.js then describes
 * an unnamed statement with parameters before running it: two round trips per query, and
 * PostgreSQL parses and plans it each time. Prepared, a statement costs one round trip once the
 * connection has seen it, and PostgreSQL may keep its plan (docs/performance.md, issue 5). This
 * client prepares what drizzle sends, inside transactions and savepoints too. postgres.js keeps
 * a connection's statements until the connection is recycled (`max_lifetime`, 30 to 60 min).
 */
function preparing<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'unsafe')
        return ((query, params, options) =>
          (value as Unsafe).call(target, query, params, { ...options, prepare: true })) as Unsafe;
      if (prop === 'begin' || prop === 'savepoint')
        return (...args: unknown[]) => {
          const fn = args[args.length - 1] as (tx: object) => unknown;
          return (value as (...a: unknown[]) => unknown).call(
            target,
            ...args.slice(0, -1),
            (tx: object) => fn(preparing(tx)),
          );
        };
      return value.bind(target);
    },
  });
}

const createDb = (client: postgres.Sql) => drizzle({ client, schema, casing: 'snake_case' });

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
/** Unprepared: planned on every call for its values (see planEachCall). */
let adhocDb: Db;

export function connectDb(url: string, options: { max?: number } = {}): Db {
  sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: 'support-inbox' },
  });
  db = createDb(preparing(sql));
  adhocDb = createDb(sql);
  return db;
}

/**
 * A statement sent as written, through the postgres.js connection under `tx` (the pool for
 * `db`, the transaction's own inside one), prepared. For the few statements every message runs
 * (the accept, the bot's save): drizzle's building of a query and the walk over its chunks cost
 * more of the server's CPU per answered message than sending it (issue 19, docs/performance.md).
 * The text must be a constant, its values only in `params` ($1, $2…).
 */
export function runStatement<R extends object>(
  tx: DbOrTx,
  text: string,
  params: (string | number | boolean | null)[],
): Promise<R[]> {
  // drizzle keeps each db's and transaction's postgres.js client on its session.
  const { client } = (tx as unknown as { session: { client: postgres.Sql } }).session;
  return (client.unsafe(text, params, { prepare: true }) as unknown as Promise<R[]>).catch(
    (cause: unknown) => {
      // As drizzle fails: the error names the statement (logs keep it, without the values:
      // server/logger.ts) and carries PostgreSQL's as its cause.
      throw new DrizzleQueryError(text, params, cause as Error);
    },
  );
}

/**
 * For a query whose best plan depends on its values, such as a free-text search (a rare term
 * wants the trigram index, a common one an index walk that stops early): a prepared statement
 * could settle on one generic plan for all of them. Inside a transaction, the transaction.
 */
export function planEachCall(tx: DbOrTx): DbOrTx {
  return tx === db ? adhocDb : tx;
}

export async function closeDb(): Promise<void> {
  await sql?.end({ timeout: 2 });
}
