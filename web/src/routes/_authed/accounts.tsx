import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_RANK } from '../../../../shared/enums';
import { Pagination } from '../../components/pagination';
import { pageParam } from '../../components/search-params';
import { trpc } from '../../lib/trpc';
import { AccountForm } from './accounts/-components/account-form';
import { AccountTable } from './accounts/-components/account-table';
import { ExpiringPanel, expiringOptions } from './accounts/-components/expiring-panel';
import type { Account } from './accounts/-components/use-names';
import '../../styles/accounts.css';

const LIMIT = 20;

export const Route = createFileRoute('/_authed/accounts')({
  validateSearch: (s: Record<string, unknown>): { page?: number } => ({ page: pageParam(s.page) }),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) =>
    Promise.all([
      context.queryClient.ensureQueryData(
        context.trpc.accounts.list.queryOptions({ page: deps.page, limit: LIMIT }),
      ),
      context.queryClient.ensureQueryData(expiringOptions()),
    ]),
  component: AccountsPage,
});

function AccountsPage() {
  const { t } = useTranslation('crm');
  const { page } = Route.useSearch();
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery(trpc.accounts.list.queryOptions({ page, limit: LIMIT }));
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const { data: expiring } = useSuspenseQuery(expiringOptions());
  const [editing, setEditing] = useState<Account | 'new' | null>(null);

  return (
    <section className="page" aria-labelledby="accounts-title">
      <header className="page-header">
        <div>
          <h1 id="accounts-title">{t('accounts.title')}</h1>
          <p>{t('accounts.intro')}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          {t('accounts.new')}
        </button>
      </header>
      <ExpiringPanel />
      <AccountTable
        accounts={data.data}
        canReveal={ROLE_RANK[me.role] >= ROLE_RANK.supervisor}
        expiringIds={new Set(expiring.map((a) => a.id))}
        onEdit={setEditing}
      />
      <Pagination
        {...data}
        noun={t('accounts.noun')}
        onPage={(next) => navigate({ search: { page: next } })}
      />
      {editing && (
        <AccountForm
          account={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
