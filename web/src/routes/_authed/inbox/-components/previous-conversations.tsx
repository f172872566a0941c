import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatDate } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { CHANNEL_LABEL, ChannelIcon } from './channel-icon';

const STATUS_LABEL = { active: 'Active', paused: 'Paused', ended: 'Ended' } as const;

/** The contact's other conversations the agent may open, newest first, each a link. */
export function PreviousConversations({ conversationId }: { conversationId: number }) {
  const previous = useQuery(trpc.conversations.previous.queryOptions({ conversationId }));
  const list = previous.data ?? [];
  return (
    <section className="panel-section" aria-labelledby="panel-previous">
      <h3 id="panel-previous">Previous conversations</h3>
      {previous.isPending && <p className="inbox-muted">Loading…</p>}
      {previous.isError && <p className="inbox-muted">Could not load them.</p>}
      {previous.isSuccess && list.length === 0 && (
        <p className="inbox-muted">No other conversations with this contact.</p>
      )}
      {list.length > 0 && (
        <ul className="previous-list">
          {list.map((p) => (
            <li key={p.id}>
              <Link
                to="/inbox/$conversationId"
                params={{ conversationId: String(p.id) }}
                search={(prev) => prev}
                className="previous-item"
              >
                <span className="previous-top">
                  <ChannelIcon channel={p.channel} />
                  <span>{p.channel ? CHANNEL_LABEL[p.channel] : 'Unknown channel'}</span>
                  <span className={`status-chip previous-status-${p.status}`}>
                    {STATUS_LABEL[p.status]}
                  </span>
                  <time dateTime={p.createdAt}>{formatDate(p.createdAt)}</time>
                </span>
                <span className="previous-excerpt">{p.lastMessagePreview ?? 'No messages'}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
