import { useTranslation } from 'react-i18next';
import type { RouterOutputs } from '../../../../lib/trpc';
import { BarChart } from './bar-chart';
import { BotOutcomesCharts } from './bot-outcomes';
import { duration, shortDay } from './chart-scale';
import { CsatCard, CsatCharts } from './csat-charts';
import { LoadChart } from './load-chart';

type Dashboard = RouterOutputs['stats']['dashboard'];

const CHANNEL_COLOR = {
  WIDGET: '#2f5bea',
  WHATSAPP_CLOUD: '#12b76a',
  WHATSAPP_QR: '#0e7090',
  OTHER: '#98a2b3',
} as const;

/** The figures (definitions in docs/dashboard.md) as cards and charts. */
export function DashboardView({ data }: { data: Dashboard }) {
  const { t } = useTranslation('csat');
  const { days, conversationsPerDay: perDay, firstResponse, resolution, openLoad } = data;
  const total = perDay.reduce((n, d) => n + d.total, 0);
  const ended = resolution.botResolved + resolution.humanHandled;
  const botShare = ended ? Math.round((resolution.botResolved / ended) * 100) : null;
  const open = openLoad.reduce((n, r) => n + r.open, 0);
  const busiest = perDay.reduce((a, b) => (b.total > a.total ? b : a), perDay[0]!);

  return (
    <>
      <dl className="stat-cards">
        <div className="stat-card">
          <dt>{t('dashboard.newConversations')}</dt>
          <dd>{total}</dd>
        </div>
        <div className="stat-card">
          <dt>{t('dashboard.medianFirstResponse')}</dt>
          <dd>{duration(firstResponse.medianSeconds)}</dd>
        </div>
        <div className="stat-card">
          <dt>{t('dashboard.resolvedByBot')}</dt>
          <dd>{botShare === null ? '—' : t('dashboard.percent', { value: botShare })}</dd>
        </div>
        <div className="stat-card">
          <dt>{t('dashboard.openNow')}</dt>
          <dd>{open}</dd>
        </div>
        <CsatCard csat={data.csat} />
      </dl>
      <div className="chart-grid">
        <BarChart
          title={t('dashboard.perDayTitle')}
          description={t('dashboard.perDayDescription')}
          summary={t('dashboard.perDaySummary', {
            conversations: t('dashboard.conversations', { count: total }),
            days: t('dashboard.days', { count: days.length }),
            day: shortDay(busiest.day),
            total: busiest.total,
          })}
          days={days}
          yLabel={t('dashboard.perDayAxis')}
          series={data.channels.map((key) => ({
            key,
            label: t(`dashboard.channel.${key}`),
            color: CHANNEL_COLOR[key],
            values: perDay.map((d) => d.byChannel[key]),
          }))}
        />
        <BarChart
          title={t('dashboard.firstResponseTitle')}
          description={t('dashboard.firstResponseDescription', {
            unanswered: firstResponse.unanswered,
          })}
          summary={t('dashboard.firstResponseSummary', {
            median: duration(firstResponse.medianSeconds),
            count: firstResponse.answered,
          })}
          days={days}
          yLabel={t('dashboard.firstResponseAxis')}
          format={duration}
          series={[
            {
              key: 'median',
              label: t('dashboard.firstResponseSeries'),
              color: '#7a5af8',
              values: firstResponse.perDay.map((d) => d.medianSeconds),
            },
          ]}
        />
        <BarChart
          title={t('dashboard.resolutionTitle')}
          description={t('dashboard.resolutionDescription')}
          summary={t('dashboard.resolutionSummary', {
            bot: resolution.botResolved,
            human: resolution.humanHandled,
          })}
          days={days}
          yLabel={t('dashboard.resolutionAxis')}
          series={[
            {
              key: 'bot',
              label: t('dashboard.botResolved'),
              color: '#7a5af8',
              values: resolution.perDay.map((d) => d.botResolved),
            },
            {
              key: 'human',
              label: t('dashboard.humanHandled'),
              color: '#f79009',
              values: resolution.perDay.map((d) => d.humanHandled),
            },
          ]}
        />
        <BotOutcomesCharts days={days} bot={data.bot} />
        <LoadChart rows={openLoad} />
        <CsatCharts days={days} csat={data.csat} />
      </div>
    </>
  );
}
