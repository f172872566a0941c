import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { RowActions } from '../../../components/row-actions';
import { SectionHeader } from '../../../components/section-header';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { useRefresh } from '../../../components/use-refresh';
import { trpc } from '../../../lib/trpc';
import { CHANNEL_LABEL } from './-components/channel-keys';
import { type Integration, IntegrationForm } from './-components/integration-form';

export const Route = createFileRoute('/_authed/settings/integrations')({
  loader: ({ context: { queryClient, trpc } }) =>
    Promise.all([
      queryClient.ensureQueryData(trpc.integrations.list.queryOptions()),
      queryClient.ensureQueryData(trpc.chatbots.list.queryOptions()),
    ]),
  component: IntegrationsPage,
});

function IntegrationsPage() {
  const { data: integrations } = useSuspenseQuery(trpc.integrations.list.queryOptions());
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const { rows, pagination } = useClientPage(integrations);
  const [editing, setEditing] = useState<Integration | 'new' | null>(null);
  const refresh = useRefresh(trpc.integrations.pathFilter());
  const remove = useMutation(trpc.integrations.delete.mutationOptions(refresh));
  const botName = (uuid: string | null) => chatbots.find((b) => b.id === uuid)?.name ?? '—';
  const { t } = useTranslation('settings');

  return (
    <div className="page">
      <SectionHeader
        title={t('channels.title')}
        newLabel={t('channels.new')}
        onNew={() => setEditing('new')}
      />
      <FormError error={remove.error} />
      <DataTable
        caption={t('channels.title')}
        columns={[
          t('channels.columns.name'),
          t('channels.columns.channel'),
          t('channels.columns.phoneNumber'),
          t('channels.columns.chatbot'),
          t('channels.columns.status'),
          t('channels.columns.credentials'),
        ]}
        rows={rows}
        cells={(i) => (
          <>
            <td>
              <TruncatedText text={i.name} />
            </td>
            <td>{t(CHANNEL_LABEL[i.channel])}</td>
            <td>{i.phoneNumber ?? '—'}</td>
            <td>{botName(i.defaultChatbotId)}</td>
            <td>
              <span className={i.enabled ? 'badge badge-success' : 'badge'}>
                {i.enabled ? t('channels.enabled') : t('channels.disabled')}
              </span>
            </td>
            <td>
              {i.hasCredentials ? (
                t('channels.credentialsStored')
              ) : (
                <span className="muted">{t('channels.credentialsNone')}</span>
              )}
            </td>
          </>
        )}
        actions={(i) => (
          <RowActions
            what={t('channels.row', { name: i.name })}
            onEdit={() => setEditing(i)}
            onDelete={() => remove.mutate({ id: i.id })}
            deleting={remove.isPending}
          />
        )}
        empty={t('channels.empty')}
      />
      <Pagination {...pagination} noun={t('channels.noun')} />
      {editing && (
        <IntegrationForm
          integration={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
