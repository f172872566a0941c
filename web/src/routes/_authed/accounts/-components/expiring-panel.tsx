import { useSuspenseQuery } from '@tanstack/react-query';
import { trpc } from '../../../../lib/trpc';
import { daysLeft, expiryDay } from './dates';

export const EXPIRING_WITHIN_DAYS = 7;
export const expiringOptions = () =>
  trpc.accounts.expiring.queryOptions({ withinDays: EXPIRING_WITHIN_DAYS });

/** Accounts whose expiry falls in the next week, soonest first. */
export function ExpiringPanel() {
  const { data } = useSuspenseQuery(expiringOptions());
  return (
    <section
      className={data.length ? 'section section-warning' : 'section'}
      aria-labelledby="expiring-title"
    >
      <h2 id="expiring-title">Expiring in the next {EXPIRING_WITHIN_DAYS} days</h2>
      {data.length === 0 ? (
        <p className="muted">No account expires this week.</p>
      ) : (
        <ul className="expiring-list">
          {data.map((a) => {
            const days = daysLeft(a.date_exp!);
            return (
              <li key={a.id}>
                <span className="code">{a.username_final}</span>
                <span>{a.contact_name ?? `Contact #${a.contact_id}`}</span>
                <span className="badge badge-warning">
                  {expiryDay(a.date_exp)} ·{' '}
                  {days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
