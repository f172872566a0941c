import { useId } from 'react';
import type { RouterOutputs } from '../../../../lib/trpc';
import { BarChart } from './bar-chart';

type BotOutcomes = RouterOutputs['stats']['dashboard']['bot'];

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/**
 * What the bot did with the conversations it handled (docs/dashboard.md, "Bot outcomes"): per
 * day of their end, resolved by it, handed to people, or answered by an agent without a
 * handoff; and why it handed off.
 */
export function BotOutcomesCharts({ days, bot }: { days: string[]; bot: BotOutcomes }) {
  const id = useId();
  return (
    <>
      <BarChart
        title="The bot's resolution rate"
        description="Ended conversations a bot handled, by the day they ended: resolved with no handoff and no agent message, handed to people, or answered by an agent without a handoff."
        summary={`Resolution rate ${percent(bot.resolutionRate)}, handoff rate ${percent(bot.handoffRate)}, over ${bot.handled} ended conversations.`}
        days={days}
        yLabel="Ended conversations"
        series={[
          {
            key: 'resolved',
            label: 'Resolved by the bot',
            color: '#7a5af8',
            values: bot.perDay.map((d) => d.resolved),
          },
          {
            key: 'handed-off',
            label: 'Handed off',
            color: '#f79009',
            values: bot.perDay.map((d) => d.handedOff),
          },
          {
            key: 'agent',
            label: 'Agent answered, no handoff',
            color: '#98a2b3',
            values: bot.perDay.map((d) => d.handled - d.resolved - d.handedOff),
          },
        ]}
      />
      <figure className="chart" aria-labelledby={`${id}-title`}>
        <figcaption>
          <h2 id={`${id}-title`}>Why the bot handed off</h2>
          <p>Handoffs in these days, by the reason the bot gave.</p>
        </figcaption>
        {bot.handoffReasons.length === 0 ? (
          <p className="chart-empty">No handoffs in these days.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Handoffs</th>
              </tr>
            </thead>
            <tbody>
              {bot.handoffReasons.map((r) => (
                <tr key={r.reason}>
                  <td>{r.reason}</td>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </figure>
    </>
  );
}
