import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { useClientPage } from '../../../components/use-client-page';
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
  const queryClient = useQueryClient();
  const { data: integrations } = useSuspenseQuery(trpc.integrations.list.queryOptions());
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const { rows, pagination } = useClientPage(integrations);
  const [editing, setEditing] = useState<Integration | 'new' | null>(null);
  const remove = useMutation(
    trpc.integrations.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.integrations.pathFilter()),
    }),
  );
  const botName = (uuid: string | null) => chatbots.find((b) => b.id === uuid)?.name ?? '—';

  return (
    <div className="page">
      <div className="section-header">
        <h2>Channels</h2>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
          New channel
        </button>
      </div>
      <FormError error={remove.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Channels</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Channel</th>
              <th scope="col">Phone number</th>
              <th scope="col">Chatbot</th>
              <th scope="col">Status</th>
              <th scope="col">Credentials</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{CHANNEL_LABEL[i.channel]}</td>
                <td>{i.phoneNumber ?? '—'}</td>
                <td>{botName(i.defaultChatbotId)}</td>
                <td>
                  <span className={i.enabled ? 'badge badge-success' : 'badge'}>
                    {i.enabled ? 'Enabled' : 'Disabled'}
                  </span>
                </td>
                <td>{i.hasCredentials ? 'Stored' : <span className="muted">None</span>}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Edit channel ${i.name}`}
                    onClick={() => setEditing(i)}
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete channel ${i.name}`}
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate({ id: i.id })}
                  />
                </td>
              </tr>
            ))}
            {integrations.length === 0 && (
              <tr>
                <td colSpan={7} className="table-empty">
                  No channels yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
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
