import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { Pagination } from '../../../components/pagination';
import { RowActions } from '../../../components/row-actions';
import { SectionHeader } from '../../../components/section-header';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { formatNumber } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import { type User, UserForm } from './-components/user-form';

export const Route = createFileRoute('/_authed/settings/users')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.users.list.queryOptions()),
  component: UsersPage,
});

function UsersPage() {
  const { data: users } = useSuspenseQuery(trpc.users.list.queryOptions());
  const { rows, pagination } = useClientPage(users);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const { t } = useTranslation(['settings', 'common']);
  return (
    <div className="page">
      <SectionHeader
        title={t('users.title')}
        newLabel={t('users.new')}
        onNew={() => setEditing('new')}
      />
      <DataTable
        caption={t('users.title')}
        columns={[
          t('users.columns.name'),
          t('users.columns.email'),
          t('users.columns.role'),
          t('users.columns.availability'),
          { label: t('users.columns.capacity'), className: 'num' },
        ]}
        rows={rows}
        cells={(u) => (
          <>
            <td>
              <TruncatedText text={u.name} />
            </td>
            <td>
              <TruncatedText text={u.email} />
            </td>
            <td>{t(`common:roles.${u.role}`)}</td>
            <td>
              <span className="badge">
                <span className={`presence presence-${u.availability}`} aria-hidden="true" />
                {t(`common:availability.${u.availability}`)}
              </span>
            </td>
            <td className="num">
              {u.capacity === null ? (
                <span className="muted">{t('users.defaultCapacity')}</span>
              ) : (
                formatNumber(u.capacity)
              )}
            </td>
          </>
        )}
        actions={(u) => (
          <RowActions what={t('users.row', { name: u.name })} onEdit={() => setEditing(u)} />
        )}
      />
      <Pagination {...pagination} noun={t('users.noun')} />
      {editing && (
        <UserForm user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
