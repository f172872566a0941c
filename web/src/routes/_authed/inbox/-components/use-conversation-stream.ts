import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useMemo, useRef } from 'react';
import { coalesce, type LiveEvent, type LiveMessage } from '../../../../lib/realtime';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import type { Typing } from './message-list';

type Thread = RouterOutputs['conversations']['thread'];

/** Adds a new message, or replaces the copy already there (a status or content change). */
function upsert(thread: Thread, m: LiveMessage): Thread {
  const { conversationId: _c, senderUserId: _s, ...message } = m;
  const i = thread.messages.findIndex((x) => x.id === message.id);
  if (i < 0) return { ...thread, messages: [...thread.messages, message] };
  const messages = thread.messages.slice();
  messages[i] = message;
  return { ...thread, messages };
}

/** The events the timeline of who did what is read from (server/services/conversations/timeline.ts). */
const TIMELINE_EVENTS = new Set([
  'conversation:assigned',
  'conversation:status',
  'conversation:ended',
  'conversation:handoff',
]);

interface Handlers {
  meId: number;
  onTyping: (typing: Typing | null) => void;
  /** A message somebody else wrote (the customer, the bot, a teammate). */
  onNew: () => void;
}

/**
 * One conversation, live: messages and their delivery ticks go straight into the cached thread;
 * the bot's tool calls refetch their list; status, assignment and window changes refetch the
 * conversation and its timeline of who did what; typing is passed on.
 */
export function useConversationStream(id: number | string, handlers: Handlers) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const ref = useRef(handlers);
  ref.current = handlers;
  const input = useMemo(() => ({ conversationId: id }), [id]);
  const refreshDetails = useMemo(
    () =>
      coalesce(() => {
        void queryClient.invalidateQueries({ queryKey: trpc.conversations.get.queryKey(input) });
      }),
    [queryClient, input],
  );
  // A takeover or a release is two events in one commit: one refetch.
  const refreshTimeline = useMemo(
    () =>
      coalesce(() => {
        void queryClient.invalidateQueries({ queryKey: trpc.timeline.list.queryKey(input) });
      }),
    [queryClient, input],
  );

  const onEvent = (e: LiveEvent) => {
    if (e.type === 'typing') {
      // An agent's typing is for the customer's widget, not the team's thread.
      if (e.payload.origin === 'operator') return;
      const on = e.payload.isTyping === true;
      const origin = e.payload.origin === 'bot' ? 'bot' : 'client';
      ref.current.onTyping(on ? { origin, at: Date.now() } : null);
      return;
    }
    if (e.type === 'note:created') {
      void queryClient.invalidateQueries({ queryKey: trpc.notes.list.queryKey(input) });
      return;
    }
    if (e.type === 'bot:tool_call') {
      void queryClient.invalidateQueries({ queryKey: trpc.botTools.calls.queryKey(input) });
      return;
    }
    const replaces = e.type === 'message:status' || e.type === 'message:updated';
    if (e.message && (e.type === 'message:created' || replaces)) {
      const m = e.message;
      queryClient.setQueryData<Thread>(
        trpc.conversations.thread.queryKey(input),
        (t) => t && upsert(t, m),
      );
      // A delivery tick, or a customer's file stored (or failed): the same message redrawn.
      if (replaces) return;
      ref.current.onTyping(null);
      if (!(m.origin === 'operator' && m.senderUserId === ref.current.meId)) ref.current.onNew();
    }
    if (e.type === 'conversation:variable') {
      void queryClient.invalidateQueries({
        queryKey: trpc.conversations.variables.queryKey(input),
      });
    }
    if (
      TIMELINE_EVENTS.has(e.type) ||
      (e.type === 'conversation:updated' && 'snoozedUntil' in e.payload)
    )
      refreshTimeline();
    if (e.type === 'conversation:deleted') {
      void navigate({ to: '/inbox', search: (prev) => prev });
      return;
    }
    refreshDetails();
  };

  const sub = useSubscription(
    trpc.realtime.conversation.subscriptionOptions(input, { onData: ({ data }) => onEvent(data) }),
  );
  useEffect(() => {
    if (sub.status !== 'error') return;
    const timer = window.setTimeout(() => {
      sub.reset();
      void queryClient.invalidateQueries({ queryKey: trpc.conversations.thread.queryKey(input) });
      void queryClient.invalidateQueries({ queryKey: trpc.botTools.calls.queryKey(input) });
      void queryClient.invalidateQueries({ queryKey: trpc.notes.list.queryKey(input) });
      refreshTimeline();
      refreshDetails();
    }, 2_000);
    return () => window.clearTimeout(timer);
  }, [sub.status, sub.reset, queryClient, refreshDetails, refreshTimeline, input]);
}
