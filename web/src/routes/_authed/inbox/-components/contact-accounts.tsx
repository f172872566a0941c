import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { formatDate } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { useNow } from '../../../../lib/use-now';

const DAY = 86_400_000;

function Expiry({ iso, now }: { iso: string | null; now: number }) {
  const { t } = useTranslation('inbox');
  if (!iso) return <span className="inbox-muted">{t('accounts.noExpiry')}</span>;
  const days = Math.ceil((Date.parse(iso) - now) / DAY);
  if (days < 0) {
    return (
      <span className="expiry expiry-past">{t('accounts.expired', { date: formatDate(iso) })}</span>
    );
  }
  const soon = days <= 7;
  return (
    <span className={`expiry${soon ? ' expiry-soon' : ''}`}>
      {t('accounts.expires', { date: formatDate(iso) })}
      {soon && ` · ${days === 0 ? t('accounts.today') : t('accounts.inDays', { count: days })}`}
    </span>
  );
}

/** The contact's service accounts with their servers and expiry dates (soon ones stand out). */
export function ContactAccounts({ contactId }: { contactId: number }) {
  const { t } = useTranslation('inbox');
  const now = useNow(60_000);
  const accounts = useQuery(trpc.accounts.ofContact.queryOptions({ contactId }));
  const serverIds = [...new Set((accounts.data ?? []).map((a) => a.server_id))];
  const servers = useQueries({
    queries: serverIds.map((id) => trpc.catalog.get.queryOptions({ kind: 'server', id })),
  });
  const serverName = (id: number) =>
    servers[serverIds.indexOf(id)]?.data?.name ?? t('accounts.server', { id });

  return (
    <section className="panel-section" aria-labelledby="panel-accounts">
      <h3 id="panel-accounts">{t('accounts.title')}</h3>
      {accounts.isPending && <p className="inbox-muted">{t('accounts.loading')}</p>}
      {accounts.error && <p className="form-error">{errorMessage(accounts.error)}</p>}
      {accounts.data?.length === 0 && <p className="inbox-muted">{t('accounts.none')}</p>}
      <ul className="account-list">
        {accounts.data?.map((a) => (
          <li key={a.id} className="account-item">
            <p className="account-user inbox-mono">{a.username_final}</p>
            <p className="account-meta">
              {serverName(a.server_id)}
              {a.id_line_server !== null && t('accounts.line', { n: a.id_line_server })}
            </p>
            <Expiry iso={a.date_exp} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}
