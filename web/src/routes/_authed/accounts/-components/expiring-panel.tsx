import { useSuspenseQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../../lib/i18n';
import { trpc } from '../../../../lib/trpc';
import { daysLeft, expiryDate } from './dates';

export const EXPIRING_WITHIN_DAYS = 7;
export const expiringOptions = () =>
  trpc.accounts.expiring.queryOptions({ withinDays: EXPIRING_WITHIN_DAYS });

/** Accounts whose expiry falls in the next week, soonest first. */
export function ExpiringPanel() {
  const { t } = useTranslation('crm');
  const locale = useLocale();
  const inDays = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const { data } = useSuspenseQuery(expiringOptions());
  return (
    <section
      className={data.length ? 'section section-warning' : 'section'}
      aria-labelledby="expiring-title"
    >
      <h2 id="expiring-title">{t('accounts.expiring.title', { days: EXPIRING_WITHIN_DAYS })}</h2>
      {data.length === 0 ? (
        <p className="muted">{t('accounts.expiring.none')}</p>
      ) : (
        <ul className="expiring-list">
          {data.map((a) => {
            const days = daysLeft(a.date_exp!);
            return (
              <li key={a.id}>
                <span className="code">{a.username_final}</span>
                <span>
                  {a.contact_name ?? t('accounts.expiring.contact', { id: a.contact_id })}
                </span>
                <span className="badge badge-warning">
                  {expiryDate(a.date_exp)} · {inDays.format(days, 'day')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
