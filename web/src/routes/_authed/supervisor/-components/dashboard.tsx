import type { RouterOutputs } from '../../../../lib/trpc';
import { BarChart } from './bar-chart';
import { BotOutcomesCharts } from './bot-outcomes';
import { duration } from './chart-scale';
import { LoadChart } from './load-chart';

type Dashboard = RouterOutputs['stats']['dashboard'];

const CHANNEL = {
  WIDGET: { label: 'Web widget', color: '#2f5bea' },
  WHATSAPP_CLOUD: { label: 'WhatsApp Cloud', color: '#12b76a' },
  WHATSAPP_QR: { label: 'WhatsApp (QR)', color: '#0e7090' },
  OTHER: { label: 'Other', color: '#98a2b3' },
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The figures (definitions in docs/dashboard.md) as cards and charts. */
export function DashboardView({ data }: { data: Dashboard }) {
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
          <dt>New conversations</dt>
          <dd>{total}</dd>
        </div>
        <div className="stat-card">
          <dt>Median first response</dt>
          <dd>{duration(firstResponse.medianSeconds)}</dd>
        </div>
        <div className="stat-card">
          <dt>Resolved by the bot</dt>
          <dd>{botShare === null ? '—' : `${botShare}%`}</dd>
        </div>
        <div className="stat-card">
          <dt>Open and assigned now</dt>
          <dd>{open}</dd>
        </div>
      </dl>
      <div className="chart-grid">
        <BarChart
          title="Conversations per day by channel"
          description="New customer conversations, by the day they started."
          summary={`${plural(total, 'conversation')} in ${plural(days.length, 'day')}; the busiest day was ${busiest.day} with ${busiest.total}.`}
          days={days}
          yLabel="Conversations"
          series={data.channels.map((key) => ({
            key,
            ...CHANNEL[key],
            values: perDay.map((d) => d.byChannel[key]),
          }))}
        />
        <BarChart
          title="Median first response time"
          description={`Wait from a customer's first message to the first bot or agent reply, by day. ${firstResponse.unanswered} still unanswered.`}
          summary={`Median ${duration(firstResponse.medianSeconds)} over ${plural(firstResponse.answered, 'answered conversation')}.`}
          days={days}
          yLabel="Median wait"
          format={duration}
          series={[
            {
              key: 'median',
              label: 'Median first response',
              color: '#7a5af8',
              values: firstResponse.perDay.map((d) => d.medianSeconds),
            },
          ]}
        />
        <BarChart
          title="Bot-resolved vs human-handled"
          description="Ended conversations, by the day they ended: no agent ever assigned, or one was."
          summary={`${resolution.botResolved} resolved by the bot, ${resolution.humanHandled} handled by people.`}
          days={days}
          yLabel="Ended conversations"
          series={[
            {
              key: 'bot',
              label: 'Bot-resolved',
              color: '#7a5af8',
              values: resolution.perDay.map((d) => d.botResolved),
            },
            {
              key: 'human',
              label: 'Human-handled',
              color: '#f79009',
              values: resolution.perDay.map((d) => d.humanHandled),
            },
          ]}
        />
        <BotOutcomesCharts days={days} bot={data.bot} />
        <LoadChart rows={openLoad} />
      </div>
    </>
  );
}
