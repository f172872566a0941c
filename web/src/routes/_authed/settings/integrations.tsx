import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
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

  return (
    <div className="page">
      <SectionHeader title="Channels" newLabel="New channel" onNew={() => setEditing('new')} />
      <FormError error={remove.error} />
      <DataTable
        caption="Channels"
        columns={['Name', 'Channel', 'Phone number', 'Chatbot', 'Status', 'Credentials']}
        rows={rows}
        cells={(i) => (
          <>
            <td>
              <TruncatedText text={i.name} />
            </td>
            <td>{CHANNEL_LABEL[i.channel]}</td>
            <td>{i.phoneNumber ?? '—'}</td>
            <td>{botName(i.defaultChatbotId)}</td>
            <td>
              <span className={i.enabled ? 'badge badge-success' : 'badge'}>
                {i.enabled ? 'Enabled' : 'Disabled'}
              </span>
            </td>
            <td>{i.hasCredentials ? 'Stored' : <span className="muted">None</span>}</td>
          </>
        )}
        actions={(i) => (
          <RowActions
            what={`channel ${i.name}`}
            onEdit={() => setEditing(i)}
            onDelete={() => remove.mutate({ id: i.id })}
            deleting={remove.isPending}
          />
        )}
        empty="No channels yet."
      />
      <Pagination {...pagination} noun="channels" />
      {editing && (
        <IntegrationForm
          integration={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
