import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, type RefObject, useState } from 'react';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { listboxKeyDown } from './listbox-keys';

export type CannedMatch = RouterOutputs['cannedResponses']['list'][number];

/** A `/query` being typed: where its slash is and what follows it. */
export interface SlashQuery {
  start: number;
  end: number;
  query: string;
}

/**
 * The `/shortcut` the caret stands at the end of, when it starts the box or follows a space (so
 * a URL's or a date's slash opens nothing).
 */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const match = /(^|\s)\/([A-Za-z0-9_-]{0,50})$/.exec(text.slice(0, caret));
  if (!match) return null;
  const start = caret - match[2]!.length - 1;
  return { start, end: caret, query: match[2]! };
}

const SHOWN = 8;

interface Options {
  conversationId: number;
  text: string;
  setText: (text: string) => void;
  box: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The canned-response list of the composer: open while the caret ends a `/query`, its matches
 * from the server (shortcut first, personal before shared), arrow keys to move, Enter or a
 * click to insert the body the server filled for this conversation in place of the `/query`,
 * Escape to close.
 */
export function useCannedSearch({ conversationId, text, setText, box }: Options) {
  const queryClient = useQueryClient();
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const [active, setActive] = useState(0);
  // The query text Escape dismissed, so the list stays shut until the agent types on.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [inserting, setInserting] = useState(false);
  // The text may change without a keystroke (a send empties it, the copilot drafts into it).
  const open =
    slash !== null &&
    text.slice(slash.start, slash.end) === `/${slash.query}` &&
    dismissed !== text.slice(0, slash.end);
  const search = useQuery({
    ...trpc.cannedResponses.list.queryOptions({ search: slash?.query ?? '', limit: SHOWN }),
    enabled: open,
    placeholderData: (previous) => previous,
  });
  const matches = open ? (search.data ?? []) : [];
  const highlighted = Math.min(active, Math.max(0, matches.length - 1));

  /** Reads the caret after every change of text or caret. */
  const track = (area: HTMLTextAreaElement) => {
    const next = slashQueryAt(area.value, area.selectionStart ?? area.value.length);
    if (next?.query !== slash?.query || next?.start !== slash?.start) setActive(0);
    setSlash(next);
  };

  const insert = async (match: CannedMatch) => {
    if (!slash || inserting) return;
    setInserting(true);
    try {
      // Always fresh: the contact's name may have changed since the last insert.
      const { text: filled } = await queryClient.fetchQuery({
        ...trpc.cannedResponses.render.queryOptions({ id: match.id, conversationId }),
        staleTime: 0,
      });
      const before = text.slice(0, slash.start);
      const after = text.slice(slash.end);
      setText(`${before}${filled}${after}`);
      setSlash(null);
      requestAnimationFrame(() => {
        const area = box.current;
        if (!area) return;
        area.focus();
        const caret = before.length + filled.length;
        area.setSelectionRange(caret, caret);
      });
    } finally {
      setInserting(false);
    }
  };

  /** Handles the list's keys; true when the key was the list's and must go no further. */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean =>
    open &&
    listboxKeyDown(e, {
      count: matches.length,
      highlighted,
      setActive,
      pick: (index) => void insert(matches[index]!),
      dismiss: () => setDismissed(text.slice(0, slash.end)),
    });

  return {
    open,
    matches,
    highlighted,
    loading: open && search.isPending,
    error: search.error,
    query: slash?.query ?? '',
    track,
    insert,
    onKeyDown,
    setActive,
  };
}

export type CannedSearch = ReturnType<typeof useCannedSearch>;
