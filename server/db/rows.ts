import { type Column, getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';

// The casing the app's drizzle client uses (db/client.ts), so the names match its queries.
const casing = new CasingCache('snake_case');
const layouts = new WeakMap<Table, [key: string, name: string, column: Column][]>();

/**
 * A table's row as drizzle would have returned it, from PostgreSQL's `to_jsonb(row)` (a SQL
 * function that answers whole rows, such as write_message): each column found by its database
 * name and decoded by the column itself (times to Dates, and so on).
 */
export function rowFromJson<T extends Table>(
  table: T,
  record: Record<string, unknown>,
): InferSelectModel<T> {
  let layout = layouts.get(table);
  if (!layout) {
    layout = Object.entries(getTableColumns(table)).map(([key, column]) => [
      key,
      casing.getColumnCasing(column),
      column,
    ]);
    layouts.set(table, layout);
  }
  const row: Record<string, unknown> = {};
  for (const [key, name, column] of layout) {
    const value = record[name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}
