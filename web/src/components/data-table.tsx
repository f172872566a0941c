import type { Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/tables.css';

/** A column's header: its text, or its text and a class (`num` right-aligns numbers). */
export type Column = string | { label: string; className: string };

interface DataTableProps<T extends { id: Key }> {
  /** Names the table for screen readers; not shown. */
  caption: string;
  /** The data columns; a last one, "Actions" (visually hidden), holds each row's buttons. */
  columns: Column[];
  rows: T[];
  /** A row's data cells (`<td>`s), one per column. */
  cells: (row: T) => ReactNode;
  /** A row's buttons (see RowActions). */
  actions: (row: T) => ReactNode;
  /** Said across the whole table when there are no rows; without it, nothing is. */
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
}

/** A console list: caption, column headers, a row per item with its actions, the empty case. */
export function DataTable<T extends { id: Key }>({
  caption,
  columns,
  rows,
  cells,
  actions,
  empty,
  rowClassName,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className={column.className}>
                  {column.label}
                </th>
              ),
            )}
            <th scope="col">
              <span className="visually-hidden">{t('actions.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={rowClassName?.(row)}>
              {cells(row)}
              <td className="actions">{actions(row)}</td>
            </tr>
          ))}
          {rows.length === 0 && empty && (
            <tr>
              <td colSpan={columns.length + 1} className="table-empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
