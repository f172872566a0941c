import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { coalesce } from '../../../../lib/realtime';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

type ListPage = RouterOutputs['conversations']['list'];

/**
 * Opening a conversation reads it (`conversations.read`), and so does a new message that arrives
 * while it is open and the tab is visible, until the agent marks it unread.
 */
export function useMarkRead(conversationId: number) {
  const queryClient = useQueryClient();
  const paused = useRef(false);
  const read = useMutation(
    trpc.conversations.read.mutationOptions({
      onSuccess: () => {
        // The badge clears at once; the inbox stream's refetch confirms it.
        queryClient.setQueriesData<ListPage>(
          { queryKey: trpc.conversations.list.pathKey() },
          (page) =>
            page && {
              ...page,
              data: page.data.map((c) =>
                c.id === conversationId ? { ...c, my_unread_count: 0, read: true } : c,
              ),
            },
        );
      },
    }),
  );
  const mutate = read.mutate;

  useEffect(() => {
    paused.current = false;
    mutate({ conversationId });
  }, [conversationId, mutate]);

  return useMemo(
    () => ({
      again: coalesce(() => {
        if (!paused.current && document.visibilityState === 'visible') mutate({ conversationId });
      }, 400),
      pause: () => {
        paused.current = true;
      },
    }),
    [conversationId, mutate],
  );
}
