import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../lib/format';
import { calendarDay, niceTicks, shortDay } from './chart-scale';
import { ChartTable } from './chart-table';

export interface Series {
  key: string;
  label: string;
  color: string;
  /** One value per day; null is "no value" (drawn as nothing, listed as —). */
  values: (number | null)[];
}

interface BarChartProps {
  title: string;
  description: string;
  /** A sentence summing the figures up, read before the bars. */
  summary: string;
  days: string[];
  series: Series[];
  yLabel: string;
  format?: (value: number) => string;
}

const W = 640;
const H = 220;
const M = { top: 10, right: 8, bottom: 26, left: 48 };

/** Bars per day, stacked when there are several series. Plain SVG. */
export function BarChart(props: BarChartProps) {
  const { title, description, summary, days, series, yLabel } = props;
  const { t } = useTranslation('supervisor');
  const format = props.format ?? ((v: number) => formatNumber(v));
  const id = useId();
  const totals = days.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals), { integer: !props.format });
  const top = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(days.length, 1);
  const barW = Math.max(2, band * 0.7);
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const labelEvery = Math.ceil(days.length / 10);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{description}</p>
      </figcaption>
      {series.length > 1 && (
        <ul className="chart-legend" aria-label={t('charts.legend')}>
          {series.map((s) => (
            <li key={s.key}>
              <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-svg-title ${id}-desc`}>
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <g className="chart-axis">
          {ticks.map((t) => (
            <g key={t}>
              <line className="chart-grid-line" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
              <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
          <text transform={`translate(10 ${M.top + plotH / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
          {days.map((day, i) =>
            i % labelEvery === 0 ? (
              <text key={day} x={M.left + band * (i + 0.5)} y={H - 8} textAnchor="middle">
                {shortDay(day)}
              </text>
            ) : null,
          )}
        </g>
        {days.map((day, i) => {
          let base = 0;
          return (
            <g key={day}>
              {series.map((s) => {
                const v = s.values[i] ?? 0;
                if (v <= 0) return null;
                const rect = (
                  <rect
                    key={s.key}
                    x={M.left + band * i + (band - barW) / 2}
                    y={y(base + v)}
                    width={barW}
                    height={y(base) - y(base + v)}
                    fill={s.color}
                  >
                    <title>{`${shortDay(day)} · ${s.label}: ${format(v)}`}</title>
                  </rect>
                );
                base += v;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <ChartTable
        caption={title}
        columns={[t('charts.day'), ...series.map((s) => s.label)]}
        rows={days.map((day, i) => ({
          key: day,
          cells: [
            calendarDay(day),
            ...series.map((s) => (s.values[i] === null ? '—' : format(s.values[i]!))),
          ],
        }))}
      />
    </figure>
  );
}
