import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { ConfirmButton } from '../../../components/confirm-button';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { useClientPage } from '../../../components/use-client-page';
import { trpc } from '../../../lib/trpc';
import { NewApiKey } from './-components/new-api-key';

export const Route = createFileRoute('/_authed/settings/api-keys')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.apiKeys.list.queryOptions()),
  component: ApiKeysPage,
});

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function ApiKeysPage() {
  const queryClient = useQueryClient();
  const { data: keys } = useSuspenseQuery(trpc.apiKeys.list.queryOptions());
  const { rows, pagination } = useClientPage(keys);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.apiKeys.pathFilter()),
    }),
  );
  return (
    <div className="page">
      <p className="muted">
        Integrators send an API key as <code>X-PUBLIC-KEY</code> to the direct-chat API.
      </p>
      <NewApiKey />
      <FormError error={revoke.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
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
                <td className="actions">
                  {!k.revokedAt && (
                    <ConfirmButton
                      label="Revoke"
                      name={`Revoke API key ${k.name}`}
                      pending={revoke.isPending}
                      onConfirm={() => revoke.mutate({ id: k.id })}
                    />
                  )}
                </td>
              </tr>
            ))}
            {keys.length === 0 && (
              <tr>
                <td colSpan={6} className="table-empty">
                  No API keys yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination {...pagination} noun="API keys" />
    </div>
  );
}
