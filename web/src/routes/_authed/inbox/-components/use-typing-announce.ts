import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { trpc } from '../../../../lib/trpc';
import type { ComposerMode } from './use-note-mode';

/** While the agent keeps typing, "typing" is said again this often (the widget forgets it). */
const REPEAT_MS = 3_000;
/** No keystroke for this long: the agent stopped. */
const IDLE_MS = 5_000;

interface Options {
  conversationId: number;
  mode: ComposerMode;
  text: string;
  /** Replying is impossible (an ended conversation): nothing to announce. */
  locked: boolean;
}

/**
 * Tells the customer that the agent is writing a reply: "typing" on keystrokes (at most every
 * REPEAT_MS), "stopped" when the box empties (sent or cleared), goes idle, turns into a note or
 * the composer closes. A note's keystrokes are never announced; the server drops them as well
 * (conversations.typing), which is the rule's one choke point.
 */
export function useTypingAnnounce({ conversationId, mode, text, locked }: Options) {
  const { mutate } = useMutation(trpc.conversations.typing.mutationOptions());
  const state = useRef({ on: false, lastSaid: 0, idle: undefined as number | undefined });
  const writing = mode === 'reply' && !locked && text.trim() !== '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: each keystroke (text) restarts the idle timer
  useEffect(() => {
    const s = state.current;
    const say = (isTyping: boolean) => {
      s.on = isTyping;
      s.lastSaid = isTyping ? Date.now() : 0;
      mutate({ conversationId, isTyping, mode: 'reply' }, { onError: () => {} });
    };
    window.clearTimeout(s.idle);
    if (!writing) {
      if (s.on) say(false);
      return;
    }
    if (!s.on || Date.now() - s.lastSaid >= REPEAT_MS) say(true);
    s.idle = window.setTimeout(() => say(false), IDLE_MS);
  }, [conversationId, writing, text, mutate]);

  // Leaving the conversation (or the page) while typing: say it stopped.
  useEffect(
    () => () => {
      const s = state.current;
      window.clearTimeout(s.idle);
      if (s.on) mutate({ conversationId, isTyping: false, mode: 'reply' }, { onError: () => {} });
      s.on = false;
    },
    [conversationId, mutate],
  );
}
