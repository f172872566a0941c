import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { formatNumber } from '../../../../lib/format';
import type { SessionUser } from '../../../../lib/session';
import { ConversationRow, type ConversationRowData } from './conversation-row';
import { EmptyInbox } from './empty-inbox';

interface Props {
  rows: ConversationRowData[];
  total: number;
  selectedId: number | undefined;
  me: SessionUser;
  loading: boolean;
  refreshing: boolean;
  error: unknown;
  onShowMore?: () => void;
}

export function ConversationList(props: Props) {
  const { rows, total, selectedId, me, loading, refreshing, error, onShowMore } = props;
  const { t } = useTranslation('inbox');
  if (loading) {
    return (
      <div className="conv-list-state" aria-busy="true">
        {t('list.loading')}
      </div>
    );
  }
  if (error && rows.length === 0) {
    return (
      <div className="conv-list-state" role="alert">
        {errorMessage(error)}
      </div>
    );
  }
  if (rows.length === 0) return <EmptyInbox me={me} />;
  return (
    <div className="conv-list-scroll">
      <ul className="conv-list" aria-label={t('list.label')} aria-busy={refreshing || undefined}>
        {rows.map((c) => (
          <ConversationRow key={c.id} c={c} me={me} selected={c.id === selectedId} />
        ))}
      </ul>
      {rows.length < total && (
        <p className="conv-list-footer">
          {onShowMore ? (
            <button type="button" className="button button-quiet" onClick={onShowMore}>
              {t('list.showMore', {
                count: total - rows.length,
                n: formatNumber(total - rows.length),
              })}
            </button>
          ) : (
            t('list.capped', { shown: formatNumber(rows.length), total: formatNumber(total) })
          )}
        </p>
      )}
    </div>
  );
}
