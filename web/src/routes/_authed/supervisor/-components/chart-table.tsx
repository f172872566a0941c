import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ChartTableProps {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}

/** The numbers behind a chart, as a table a screen reader (or a curious reader) can walk. */
export function ChartTable({ caption, columns, rows }: ChartTableProps) {
  const { t } = useTranslation('supervisor');
  return (
    <details>
      <summary>{t('charts.showData')}</summary>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                <td key={columns[i]} className={i > 0 ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
