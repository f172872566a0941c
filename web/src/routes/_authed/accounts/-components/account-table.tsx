import { useMutation } from '@tanstack/react-query';
import { DataTable } from '../../../../components/data-table';
import { deleteStateOf, RowActions } from '../../../../components/row-actions';
import { TruncatedText } from '../../../../components/truncated-text';
import { useRefresh } from '../../../../components/use-refresh';
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

const COLUMNS = [
  'Contact',
  'Username',
  'Password',
  'Server',
  { label: 'Line', className: 'num' },
  'Application',
  'Device',
  'Expires',
];

export function AccountTable({ accounts, canReveal, expiringIds, onEdit }: AccountTableProps) {
  const names = useAccountNames(accounts);
  const refresh = useRefresh(trpc.accounts.pathFilter());
  const remove = useMutation(trpc.accounts.delete.mutationOptions(refresh));
  const stateOf = (account: Account) =>
    expiringIds.has(account.id) ? 'soon' : expiryState(account.date_exp);
  return (
    <DataTable
      caption="Contact accounts"
      columns={COLUMNS}
      rows={accounts}
      rowClassName={(account) => (stateOf(account) === 'soon' ? 'row-warning' : undefined)}
      cells={(account) => (
        <>
          <td>
            <TruncatedText text={names.contact(account.contact_id)} />
          </td>
          <td className="code">
            <TruncatedText text={account.username_final} />
          </td>
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
              {expiryDay(account.date_exp) ?? '—'} {BADGE[stateOf(account)]}
            </div>
          </td>
        </>
      )}
      actions={(account) => (
        <RowActions
          what={`account ${account.username_final}`}
          onEdit={() => onEdit(account)}
          onDelete={() => remove.mutate({ id: account.id })}
          {...deleteStateOf(remove, account.id)}
        />
      )}
      empty="No contact accounts yet."
    />
  );
}
