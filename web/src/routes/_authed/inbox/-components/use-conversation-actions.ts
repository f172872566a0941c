import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

export type Conversation = RouterOutputs['conversations']['get'];

/**
 * Takeover, release, end, reopen, snooze, assign and unread for one conversation, with one
 * shared error line.
 */
export function useConversationActions(c: Conversation, pauseRead: () => void) {
  const queryClient = useQueryClient();
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const input = { conversationId: c.id };
  const refresh = () =>
    Promise.all(
      [trpc.conversations.get, trpc.conversations.thread, trpc.conversations.list].map((p) =>
        queryClient.invalidateQueries({ queryKey: p.pathKey() }),
      ),
    );
  const options = { onSuccess: refresh };
  const takeover = useMutation(trpc.conversations.takeover.mutationOptions(options));
  const release = useMutation(trpc.conversations.release.mutationOptions(options));
  const end = useMutation(trpc.conversations.end.mutationOptions(options));
  const unread = useMutation(trpc.conversations.unread.mutationOptions(options));
  const unassign = useMutation(trpc.conversations.unassign.mutationOptions(options));
  const assign = useMutation(trpc.conversations.assign.mutationOptions(options));
  const reopen = useMutation(trpc.conversations.reopen.mutationOptions(options));
  const snooze = useMutation(trpc.conversations.snooze.mutationOptions(options));
  const unsnooze = useMutation(trpc.conversations.unsnooze.mutationOptions(options));
  const all = [takeover, release, end, unread, unassign, assign, reopen, snooze, unsnooze];
  // Each action starts with a clean slate: an old failure must not linger beside a new success.
  const fresh = () => {
    for (const m of all) m.reset();
  };

  // The server refuses to move a conversation straight from one person to another (409), so a
  // reassignment unassigns first.
  const assignTo = async (userId: number) => {
    if (c.assigned_user === userId) return;
    if (c.assigned_user !== null) await unassign.mutateAsync(input);
    assign.mutate({ ...input, userId });
  };

  const open = c.status !== 'ended';
  return {
    busy: all.some((m) => m.isPending),
    error: all.find((m) => m.error)?.error ?? null,
    open,
    takeover: () => {
      fresh();
      takeover.mutate(input);
    },
    release: () => {
      fresh();
      release.mutate(input);
    },
    unassign: () => {
      fresh();
      unassign.mutate(input);
    },
    // Failures are shown through `error`; the rejected promise needs no second handler.
    assignTo: (userId: number) => {
      fresh();
      void assignTo(userId).catch(() => {});
    },
    markUnread: () => {
      fresh();
      pauseRead();
      unread.mutate(input);
    },
    confirmingEnd,
    askEnd: () => open && setConfirmingEnd(true),
    cancelEnd: () => setConfirmingEnd(false),
    end: () => {
      fresh();
      end.mutate(input, { onSettled: () => setConfirmingEnd(false) });
    },
    reopen: () => {
      fresh();
      reopen.mutate(input);
    },
    snooze: (until: Date) => {
      fresh();
      snooze.mutate({ ...input, until: until.toISOString() });
    },
    unsnooze: () => {
      fresh();
      unsnooze.mutate(input);
    },
  };
}
export type ConversationActions = ReturnType<typeof useConversationActions>;
