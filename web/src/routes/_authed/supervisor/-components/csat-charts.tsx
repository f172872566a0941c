import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';
import { BarChart } from './bar-chart';

type Csat = RouterOutputs['stats']['dashboard']['csat'];

/** Ratings 1 (very poor) to 5 (excellent): red to green. */
const RATING_COLORS = ['#d92d20', '#f79009', '#fdb022', '#66c61c', '#12b76a'] as const;

const average = (n: number | null) =>
  n === null ? null : formatNumber(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The dashboard's customer satisfaction (docs/dashboard.md, CSAT): per day and per agent. */
export function CsatCharts({ days, csat }: { days: string[]; csat: Csat }) {
  const { t } = useTranslation('csat');
  const span = t('dashboard.days', { count: days.length });
  return (
    <>
      <BarChart
        title={t('stats.perDayTitle')}
        description={t('stats.perDayDescription')}
        summary={
          csat.count === 0
            ? t('stats.perDayEmpty', { days: span })
            : t('stats.perDaySummary', {
                count: csat.count,
                average: average(csat.average),
                days: span,
              })
        }
        days={days}
        yLabel={t('stats.perDayAxis')}
        series={RATING_COLORS.map((color, i) => ({
          key: `rating-${i + 1}`,
          label: t('stats.rating', { rating: i + 1 }),
          color,
          values: csat.perDay.map((d) => d.distribution[i] ?? 0),
        }))}
      />
      <CsatPerAgent rows={csat.perAgent} />
    </>
  );
}

/** Each agent's average, count and distribution, as a table (the rows are few). */
function CsatPerAgent({ rows }: { rows: Csat['perAgent'] }) {
  const { t } = useTranslation('csat');
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{t('stats.perAgentTitle')}</h2>
        <p>{t('stats.perAgentDescription')}</p>
      </figcaption>
      {rows.length === 0 ? (
        <p className="chart-empty">{t('stats.perAgentEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="csat-per-agent">
            <thead>
              <tr>
                <th scope="col">{t('stats.agent')}</th>
                <th scope="col" className="num">
                  {t('stats.averageColumn')}
                </th>
                <th scope="col" className="num">
                  {t('stats.countColumn')}
                </th>
                <th scope="col">{t('stats.distributionColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId ?? 'none'}>
                  <td>{r.name ?? t('stats.noAgent')}</td>
                  <td className="num">{average(r.average) ?? t('stats.none')}</td>
                  <td className="num">{formatNumber(r.count)}</td>
                  <td>
                    {t('stats.distribution', {
                      r1: r.distribution[0],
                      r2: r.distribution[1],
                      r3: r.distribution[2],
                      r4: r.distribution[3],
                      r5: r.distribution[4],
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}

/** The satisfaction card: the average over the window, and how many answered of those asked. */
export function CsatCard({ csat }: { csat: Csat }) {
  const { t } = useTranslation('csat');
  const value = average(csat.average);
  return (
    <div className="stat-card">
      <dt>{t('stats.average')}</dt>
      <dd>
        {value === null ? t('stats.none') : t('stats.averageValue', { value })}
        <span className="stat-card-note">
          {t('stats.ratings', { count: csat.count, asked: csat.asked })}
        </span>
      </dd>
    </div>
  );
}
