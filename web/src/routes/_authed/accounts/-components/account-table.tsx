import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '../../../../components/confirm-button';
import { errorMessage } from '../../../../lib/errors';
import { trpc } from '../../../../lib/trpc';
import { expiryDay, expiryState } from './dates';
import { RevealPassword } from './reveal-password';
import { type Account, useAccountNames } from './use-names';

interface AccountTableProps {
  accounts: Account[];
  canReveal: boolean;
  /** Ids `accounts.expiring` reported: their rows are highlighted. */
  expiringIds: Set<number>;
  onEdit: (account: Account) => void;
}

const BADGE = {
  expired: <span className="badge badge-danger">Expired</span>,
  soon: <span className="badge badge-warning">Expires soon</span>,
  ok: null,
  none: null,
};

export function AccountTable({ accounts, canReveal, expiringIds, onEdit }: AccountTableProps) {
  const names = useAccountNames(accounts);
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.accounts.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.accounts.pathFilter()),
    }),
  );
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Contact accounts</caption>
        <thead>
          <tr>
            <th scope="col">Contact</th>
            <th scope="col">Username</th>
            <th scope="col">Password</th>
            <th scope="col">Server</th>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Application</th>
            <th scope="col">Device</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            const state = expiringIds.has(account.id) ? 'soon' : expiryState(account.date_exp);
            return (
              <tr key={account.id} className={state === 'soon' ? 'row-warning' : undefined}>
                <td>{names.contact(account.contact_id)}</td>
                <td className="code">{account.username_final}</td>
                <td>
                  {canReveal ? (
                    <RevealPassword accountId={account.id} username={account.username_final} />
                  ) : (
                    <>
                      <span className="visually-hidden">Hidden</span>
                      <span aria-hidden="true">••••••</span>
                    </>
                  )}
                </td>
                <td>{names.server(account.server_id)}</td>
                <td className="num">{account.id_line_server ?? '—'}</td>
                <td>{names.application(account.application_id)}</td>
                <td>{names.device(account.device_id)}</td>
                <td>
                  <div className="chips">
                    {expiryDay(account.date_exp) ?? '—'} {BADGE[state]}
                  </div>
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Edit account ${account.username_final}`}
                    onClick={() => onEdit(account)}
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete account ${account.username_final}`}
                    pending={remove.isPending && remove.variables.id === account.id}
                    onConfirm={() => remove.mutate({ id: account.id })}
                  />
                  {remove.isError && remove.variables.id === account.id && (
                    <p className="field-error" role="alert">
                      {errorMessage(remove.error)}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
          {accounts.length === 0 && (
            <tr>
              <td colSpan={9} className="table-empty">
                No contact accounts yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
