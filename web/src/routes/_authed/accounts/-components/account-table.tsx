import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../../components/data-table';
import { deleteStateOf, RowActions } from '../../../../components/row-actions';
import { TruncatedText } from '../../../../components/truncated-text';
import { useRefresh } from '../../../../components/use-refresh';
import { formatNumber } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { type ExpiryState, expiryDate, expiryState } from './dates';
import { RevealPassword } from './reveal-password';
import { type Account, useAccountNames } from './use-names';

interface AccountTableProps {
  accounts: Account[];
  canReveal: boolean;
  /** Ids `accounts.expiring` reported: their rows are highlighted. */
  expiringIds: Set<number>;
  onEdit: (account: Account) => void;
}

function ExpiryBadge({ state }: { state: ExpiryState }) {
  const { t } = useTranslation('crm');
  if (state === 'expired') {
    return <span className="badge badge-danger">{t('accounts.table.expired')}</span>;
  }
  if (state === 'soon') {
    return <span className="badge badge-warning">{t('accounts.table.soon')}</span>;
  }
  return null;
}

export function AccountTable({ accounts, canReveal, expiringIds, onEdit }: AccountTableProps) {
  const { t } = useTranslation('crm');
  const names = useAccountNames(accounts);
  const refresh = useRefresh(trpc.accounts.pathFilter());
  const remove = useMutation(trpc.accounts.delete.mutationOptions(refresh));
  const stateOf = (account: Account) =>
    expiringIds.has(account.id) ? 'soon' : expiryState(account.date_exp);
  return (
    <DataTable
      caption={t('accounts.table.caption')}
      columns={[
        t('accounts.table.contact'),
        t('accounts.table.username'),
        t('accounts.table.password'),
        t('accounts.table.server'),
        { label: t('accounts.table.line'), className: 'num' },
        t('accounts.table.application'),
        t('accounts.table.device'),
        t('accounts.table.expires'),
      ]}
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
                <span className="visually-hidden">{t('accounts.table.hidden')}</span>
                <span aria-hidden="true">••••••</span>
              </>
            )}
          </td>
          <td>{names.server(account.server_id)}</td>
          <td className="num">
            {account.id_line_server === null ? '—' : formatNumber(account.id_line_server)}
          </td>
          <td>{names.application(account.application_id)}</td>
          <td>{names.device(account.device_id)}</td>
          <td>
            <div className="chips">
              {expiryDate(account.date_exp) ?? '—'} <ExpiryBadge state={stateOf(account)} />
            </div>
          </td>
        </>
      )}
      actions={(account) => (
        <RowActions
          what={t('accounts.table.what', { name: account.username_final })}
          onEdit={() => onEdit(account)}
          onDelete={() => remove.mutate({ id: account.id })}
          {...deleteStateOf(remove, account.id)}
        />
      )}
      empty={t('accounts.table.empty')}
    />
  );
}
