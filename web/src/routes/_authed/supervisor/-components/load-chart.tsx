import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';
import { ChartTable } from './chart-table';

type Load = RouterOutputs['stats']['dashboard']['openLoad'][number];

const W = 640;
const ROW = 28;
const LEFT = 150;
const RIGHT = 70;

/** Open conversations per person now, against their capacity (the tick). */
export function LoadChart({ rows }: { rows: Load[] }) {
  const { t } = useTranslation('supervisor');
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => Math.max(r.open, r.capacity ?? 0)));
  const plotW = W - LEFT - RIGHT;
  const x = (v: number) => LEFT + (v / max) * plotW;
  const height = Math.max(rows.length, 1) * ROW + 8;
  const total = rows.reduce((n, r) => n + r.open, 0);
  const full = rows.filter((r) => r.capacity !== null && r.open >= r.capacity).length;
  const title = t('charts.load.title');

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{t('charts.load.intro')}</p>
      </figcaption>
      {rows.length === 0 ? (
        <p className="chart-empty">{t('charts.load.empty')}</p>
      ) : (
        <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${id}-svg ${id}-desc`}>
          <title id={`${id}-svg`}>{title}</title>
          <desc id={`${id}-desc`}>
            {t('charts.load.summary', { open: total, people: rows.length, full })}
          </desc>
          {rows.map((r, i) => {
            const top = 4 + i * ROW;
            const over = r.capacity !== null && r.open >= r.capacity;
            return (
              <g key={r.userId}>
                <text
                  className="chart-label"
                  x={LEFT - 8}
                  y={top + ROW / 2}
                  dy="0.32em"
                  textAnchor="end"
                >
                  {r.name.length > 20 ? `${r.name.slice(0, 19)}…` : r.name}
                </text>
                <rect x={LEFT} y={top + 6} width={plotW} height={ROW - 12} fill="#f2f4f7" rx={3} />
                {r.open > 0 && (
                  <rect
                    x={LEFT}
                    y={top + 6}
                    width={x(r.open) - LEFT}
                    height={ROW - 12}
                    rx={3}
                    fill={over ? '#d92d20' : '#2f5bea'}
                  >
                    <title>{t('charts.load.bar', { name: r.name, open: r.open })}</title>
                  </rect>
                )}
                {r.capacity !== null && (
                  <line
                    x1={x(r.capacity)}
                    x2={x(r.capacity)}
                    y1={top + 2}
                    y2={top + ROW - 2}
                    stroke="#1c2430"
                    strokeWidth={2}
                  />
                )}
                <text className="chart-label" x={W - RIGHT + 8} y={top + ROW / 2} dy="0.32em">
                  {r.capacity === null
                    ? formatNumber(r.open)
                    : `${formatNumber(r.open)} / ${formatNumber(r.capacity)}`}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <ChartTable
        caption={title}
        columns={[t('charts.load.person'), t('charts.load.open'), t('charts.load.capacity')]}
        rows={rows.map((r) => ({
          key: String(r.userId),
          cells: [
            `${r.name} (${t(`availability.${r.availability}`)})`,
            formatNumber(r.open),
            r.capacity === null ? t('charts.load.noLimit') : formatNumber(r.capacity),
          ],
        }))}
      />
    </figure>
  );
}
