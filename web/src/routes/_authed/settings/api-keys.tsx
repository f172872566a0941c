import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { RowActions } from '../../../components/row-actions';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { useRefresh } from '../../../components/use-refresh';
import { formatDateTime } from '../../../lib/format';
import { trpc } from '../../../lib/trpc';
import { NewApiKey } from './-components/new-api-key';

export const Route = createFileRoute('/_authed/settings/api-keys')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.apiKeys.list.queryOptions()),
  component: ApiKeysPage,
});

const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

function ApiKeysPage() {
  const { data: keys } = useSuspenseQuery(trpc.apiKeys.list.queryOptions());
  const { rows, pagination } = useClientPage(keys);
  const refresh = useRefresh(trpc.apiKeys.pathFilter());
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions(refresh));
  const { t } = useTranslation('settings');
  return (
    <div className="page">
      <p className="muted">
        <Trans t={t} i18nKey="apiKeys.intro" components={{ code: <code /> }} />
      </p>
      <NewApiKey />
      <FormError error={revoke.error} />
      <DataTable
        caption={t('apiKeys.title')}
        columns={[
          t('apiKeys.columns.name'),
          t('apiKeys.columns.key'),
          t('apiKeys.columns.created'),
          t('apiKeys.columns.lastUsed'),
          t('apiKeys.columns.status'),
        ]}
        rows={rows}
        cells={(k) => (
          <>
            <td>
              <TruncatedText text={k.name} />
            </td>
            <td className="code">{k.keyPrefix}…</td>
            <td>{when(k.createdAt)}</td>
            <td>{when(k.lastUsedAt)}</td>
            <td>
              {k.revokedAt ? (
                <span className="badge badge-danger">
                  {t('apiKeys.revokedAt', { when: when(k.revokedAt) })}
                </span>
              ) : (
                <span className="badge badge-success">{t('apiKeys.active')}</span>
              )}
            </td>
          </>
        )}
        actions={(k) => (
          <RowActions
            what={t('apiKeys.row', { name: k.name })}
            deleteLabel={t('apiKeys.revoke')}
            onDelete={k.revokedAt ? undefined : () => revoke.mutate({ id: k.id })}
            deleting={revoke.isPending}
          />
        )}
        empty={t('apiKeys.empty')}
      />
      <Pagination {...pagination} noun={t('apiKeys.noun')} />
    </div>
  );
}
