import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';
import { BarChart } from './bar-chart';

type BotOutcomes = RouterOutputs['stats']['dashboard']['bot'];

const percent = (rate: number | null) =>
  rate === null ? '—' : formatNumber(rate, { style: 'percent', maximumFractionDigits: 0 });

/**
 * What the bot did with the conversations it handled (docs/dashboard.md, "Bot outcomes"): per
 * day of their end, resolved by it, handed to people, or answered by an agent without a
 * handoff; and why it handed off.
 */
export function BotOutcomesCharts({ days, bot }: { days: string[]; bot: BotOutcomes }) {
  const { t } = useTranslation('supervisor');
  const id = useId();
  return (
    <>
      <BarChart
        title={t('charts.bot.title')}
        description={t('charts.bot.intro')}
        summary={t('charts.bot.summary', {
          resolution: percent(bot.resolutionRate),
          handoff: percent(bot.handoffRate),
          handled: bot.handled,
        })}
        days={days}
        yLabel={t('charts.bot.yLabel')}
        series={[
          {
            key: 'resolved',
            label: t('charts.bot.resolved'),
            color: '#7a5af8',
            values: bot.perDay.map((d) => d.resolved),
          },
          {
            key: 'handed-off',
            label: t('charts.bot.handedOff'),
            color: '#f79009',
            values: bot.perDay.map((d) => d.handedOff),
          },
          {
            key: 'agent',
            label: t('charts.bot.agent'),
            color: '#98a2b3',
            values: bot.perDay.map((d) => d.handled - d.resolved - d.handedOff),
          },
        ]}
      />
      <figure className="chart" aria-labelledby={`${id}-title`}>
        <figcaption>
          <h2 id={`${id}-title`}>{t('charts.bot.reasonsTitle')}</h2>
          <p>{t('charts.bot.reasonsIntro')}</p>
        </figcaption>
        {bot.handoffReasons.length === 0 ? (
          <p className="chart-empty">{t('charts.bot.noHandoffs')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('charts.bot.reason')}</th>
                <th scope="col">{t('charts.bot.handoffs')}</th>
              </tr>
            </thead>
            <tbody>
              {bot.handoffReasons.map((r) => (
                <tr key={r.reason}>
                  <td>{r.reason}</td>
                  <td>{formatNumber(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </figure>
    </>
  );
}
