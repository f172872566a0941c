import { errorMessage } from '../../../../lib/errors';
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
  if (loading) {
    return (
      <div className="conv-list-state" aria-busy="true">
        Loading conversations…
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
      <ul className="conv-list" aria-label="Conversations" aria-busy={refreshing || undefined}>
        {rows.map((c) => (
          <ConversationRow key={c.id} c={c} me={me} selected={c.id === selectedId} />
        ))}
      </ul>
      {rows.length < total && (
        <p className="conv-list-footer">
          {onShowMore ? (
            <button type="button" className="button button-quiet" onClick={onShowMore}>
              Show more ({total - rows.length} older)
            </button>
          ) : (
            `Showing the ${rows.length} most recent of ${total}; narrow the filters to find older ones.`
          )}
        </p>
      )}
    </div>
  );
}
