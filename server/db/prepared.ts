import { type DbOrTx, db, planEachCall } from './client';

type Values = Record<string, unknown>;

interface Executable<R> {
  execute(values?: Values): Promise<R>;
}

/** A drizzle query builder: runnable as it is, or preparable. */
interface Buildable<R> extends Executable<R> {
  prepare(name: string): Executable<R>;
}

const built = new WeakMap<object, Map<string, Executable<unknown>>>();
const MAX_SHAPES = 1_000;

/**
 * A query built once per shape and then run as a prepared statement with new values. `key`
 * names the shape: everything that changes the SQL text (which filters are present, the sort);
 * the values go in through `sql.placeholder(name)` and `execute({ name: value })`. Building a
 * many-join drizzle query costs more CPU than PostgreSQL spends running it, and PostgreSQL
 * plans a prepared statement's joins once instead of on every call (docs/performance.md,
 * inbox lists).
 *
 * `generic: false` is for shapes whose best plan depends on the values, such as a free-text
 * search: those are built and planned on every call (db/client.ts, planEachCall). In a
 * transaction nothing is cached.
 */
export function preparedQuery<R>(
  tx: DbOrTx,
  key: string,
  build: (tx: DbOrTx) => Buildable<R>,
  options: { generic?: boolean } = {},
): Executable<R> {
  if (options.generic === false)
    return { execute: (values) => build(planEachCall(tx)).execute(values) };
  if (tx !== db) return build(tx).prepare(key);
  let shapes = built.get(db);
  if (!shapes) {
    shapes = new Map();
    built.set(db, shapes);
  }
  let query = shapes.get(key) as Executable<R> | undefined;
  if (!query) {
    query = build(db).prepare(key);
    if (shapes.size < MAX_SHAPES) shapes.set(key, query);
  }
  return query;
}
