import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { publishLiveEvent } from '../../../lib/live-events';
import { refreshMentionsOn } from '../../../lib/mentions';
import { trpc } from '../../../lib/trpc';
import '../../../styles/notes.css';

/**
 * The header's "@" count: the notes that mention me and that I have not opened yet, listed on
 * a click, each a link to its conversation. A new mention arrives on the inbox stream as the
 * note's event naming me; opening the conversation reads it (use-read-mentions.ts).
 */
export function MentionsMenu({ meId }: { meId: number }) {
  const { t } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const { data } = useQuery(trpc.notes.mentions.queryOptions());
  // On the inbox pages their own inbox stream carries the mentions (use-inbox-stream.ts): one
  // stream per tab, not two. Elsewhere this one is the page's stream (lib/live-events.ts).
  const onInbox = useRouterState({ select: (r) => r.location.pathname.startsWith('/inbox') });
  useSubscription(
    trpc.realtime.inbox.subscriptionOptions(onInbox ? skipToken : {}, {
      onData: ({ data: e }) => {
        publishLiveEvent(e);
        refreshMentionsOn(queryClient, e, meId);
      },
    }),
  );
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const total = data?.total ?? 0;
  return (
    <div className="mentions-menu" ref={root}>
      <button
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-label={t('mentions.button', { count: total })}
        onClick={() => setOpen((v) => !v)}
      >
        @ {total > 0 && <span className="badge">{total}</span>}
      </button>
      {open && (
        <div className="mentions-menu-list">
          <ul aria-label={t('mentions.list')}>
            {total === 0 && <li className="muted">{t('mentions.none')}</li>}
            {data?.mentions.map((m) => (
              <li key={m.noteId}>
                <Link
                  to="/inbox/$conversationId"
                  params={{ conversationId: String(m.conversationId) }}
                  search={(prev) => prev}
                  onClick={() => setOpen(false)}
                >
                  <strong>{m.authorName ?? t('mentions.formerTeammate')}</strong>: {m.excerpt}
                  <br />
                  <small className="muted">{formatDateTime(m.createdAt)}</small>
                </Link>
              </li>
            ))}
          </ul>
          <Link to="/settings/notifications" onClick={() => setOpen(false)}>
            {t('mentions.settings')}
          </Link>
        </div>
      )}
    </div>
  );
}
