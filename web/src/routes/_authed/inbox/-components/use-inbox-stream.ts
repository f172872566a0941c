import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useMemo } from 'react';
import { messageText } from '../../../../../../shared/message-text';
import { publishLiveEvent } from '../../../../lib/live-events';
import { refreshMentionsOn } from '../../../../lib/mentions';
import { coalesce, type LiveEvent } from '../../../../lib/realtime';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

type ListPage = RouterOutputs['conversations']['list'];

// Events that cannot change what the list shows (a note is the team's, not the list's).
const IGNORED = new Set(['typing', 'user:availability', 'note:created']);

/** Moves the conversation of a new message to the top at once; the refetch then confirms it. */
function withNewMessage(page: ListPage, e: LiveEvent): ListPage {
  const i = page.data.findIndex((c) => c.id === e.conversationId);
  const m = e.message;
  if (i < 0 || !m) return page;
  const row = page.data[i]!;
  const moved = {
    ...row,
    last_activity_at: m.createdAt,
    message_count: row.message_count + 1,
    last_message: {
      id: Number(e.payload.messageId),
      conversation_id: row.id,
      direction: m.direction,
      origin: m.origin,
      message_text: messageText(m.content),
      status: m.status,
      created_at: m.createdAt,
      delivered_at: m.deliveredAt,
      user: null,
      bot: null,
      attachments: [],
    },
  };
  return { ...page, data: [moved, ...page.data.slice(0, i), ...page.data.slice(i + 1)] };
}

function withStatus(page: ListPage, e: LiveEvent): ListPage {
  const status = e.message?.status;
  const messageId = Number(e.payload.messageId);
  if (!status) return page;
  return {
    ...page,
    data: page.data.map((c) =>
      c.last_message?.id === messageId ? { ...c, last_message: { ...c.last_message, status } } : c,
    ),
  };
}

/**
 * Keeps every cached inbox list live: new messages move their conversation to the top at once,
 * delivery ticks update in place, and anything else refetches the lists (coalesced). After a
 * reconnect the wsLink resubscribes with the last event id, so nothing is skipped.
 */
export function useInboxStream() {
  const queryClient = useQueryClient();
  const { data: me } = useQuery(trpc.auth.me.queryOptions());
  const refetch = useMemo(
    () =>
      coalesce(() => {
        void queryClient.invalidateQueries({ queryKey: trpc.conversations.list.pathKey() });
      }),
    [queryClient],
  );
  const sub = useSubscription(
    trpc.realtime.inbox.subscriptionOptions(
      {},
      {
        onData: ({ data: e }) => {
          publishLiveEvent(e);
          if (me) refreshMentionsOn(queryClient, e, me.id);
          if (IGNORED.has(e.type)) return;
          const filter = { queryKey: trpc.conversations.list.pathKey() };
          if (e.type === 'message:status') {
            queryClient.setQueriesData<ListPage>(filter, (p) => p && withStatus(p, e));
            return;
          }
          if (e.type === 'message:created') {
            queryClient.setQueriesData<ListPage>(filter, (p) => p && withNewMessage(p, e));
          }
          refetch();
        },
      },
    ),
  );
  // A stream that failed (the server restarted it, a token expired) starts again shortly;
  // the fresh start has no event id to resume from, so the lists are refetched.
  useEffect(() => {
    if (sub.status !== 'error') return;
    const timer = window.setTimeout(() => {
      sub.reset();
      refetch();
    }, 2_000);
    return () => window.clearTimeout(timer);
  }, [sub.status, sub.reset, refetch]);
}
