import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { DataTable } from '../../../components/data-table';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { RowActions } from '../../../components/row-actions';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { useRefresh } from '../../../components/use-refresh';
import { trpc } from '../../../lib/trpc';
import { NewApiKey } from './-components/new-api-key';

export const Route = createFileRoute('/_authed/settings/api-keys')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.apiKeys.list.queryOptions()),
  component: ApiKeysPage,
});

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function ApiKeysPage() {
  const { data: keys } = useSuspenseQuery(trpc.apiKeys.list.queryOptions());
  const { rows, pagination } = useClientPage(keys);
  const refresh = useRefresh(trpc.apiKeys.pathFilter());
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions(refresh));
  return (
    <div className="page">
      <p className="muted">
        Integrators send an API key as <code>X-PUBLIC-KEY</code> to the direct-chat API.
      </p>
      <NewApiKey />
      <FormError error={revoke.error} />
      <DataTable
        caption="API keys"
        columns={['Name', 'Key', 'Created', 'Last used', 'Status']}
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
                <span className="badge badge-danger">Revoked {when(k.revokedAt)}</span>
              ) : (
                <span className="badge badge-success">Active</span>
              )}
            </td>
          </>
        )}
        actions={(k) => (
          <RowActions
            what={`API key ${k.name}`}
            deleteLabel="Revoke"
            onDelete={k.revokedAt ? undefined : () => revoke.mutate({ id: k.id })}
            deleting={revoke.isPending}
          />
        )}
        empty="No API keys yet."
      />
      <Pagination {...pagination} noun="API keys" />
    </div>
  );
}
