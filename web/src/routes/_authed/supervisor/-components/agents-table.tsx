import { useSuspenseQuery } from '@tanstack/react-query';
import { TruncatedText } from '../../../../components/truncated-text';
import { trpc } from '../../../../lib/trpc';

const AVAILABILITY = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

/** The team now: availability, open conversations and the capacity that applies. */
export function AgentsTable() {
  const { data: agents } = useSuspenseQuery({
    ...trpc.assignment.agents.queryOptions(),
    refetchInterval: 30_000,
  });
  return (
    <section className="section" aria-labelledby="agents-title">
      <h2 id="agents-title">Agents</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Availability</th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col" className="num">
                Capacity
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.id}>
                <td>
                  <TruncatedText text={a.name} />
                  <span className="muted">{a.role}</span>
                </td>
                <td>
                  <span className="badge">
                    <span className={`presence presence-${a.availability}`} aria-hidden="true" />
                    {AVAILABILITY[a.availability]}
                  </span>
                </td>
                <td className="num">{a.load}</td>
                <td className="num">{a.effectiveCapacity ?? 'No limit'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
