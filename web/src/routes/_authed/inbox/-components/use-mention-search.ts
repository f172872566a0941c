import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type RefObject, useState } from 'react';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { listboxKeyDown } from './listbox-keys';

export type Colleague = RouterOutputs['users']['list'][number];

/** An `@name` being typed: where its `@` is and what follows it. */
interface AtQuery {
  start: number;
  end: number;
  query: string;
}

/** The `@word` the caret ends, when it starts the box or follows a space (an email opens nothing). */
export function atQueryAt(text: string, caret: number): AtQuery | null {
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, end: caret, query: match[2]! };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Colleagues whose name has a word starting with `query`, accents and case aside. */
export function colleaguesMatching(all: Colleague[], query: string, meId: number): Colleague[] {
  const q = fold(query);
  return all
    .filter(
      (u) =>
        u.id !== meId &&
        fold(u.name)
          .split(/\s+/)
          .some((w) => w.startsWith(q)),
    )
    .slice(0, 8);
}

/** The colleagues a note's text still @mentions by their full name. */
export function mentionedIn(text: string, all: Colleague[]): number[] {
  const body = fold(text);
  return all.filter((u) => body.includes(`@${fold(u.name)}`)).map((u) => u.id);
}

interface Options {
  enabled: boolean;
  meId: number;
  text: string;
  setText: (text: string) => void;
  box: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The note composer's `@` list: open while the caret ends an `@name`, arrows to move, Enter or
 * Tab or a click to write the colleague's full name, Escape to close. Who is mentioned is read
 * back from the text when the note is sent, so deleting a name un-mentions them.
 */
export function useMentionSearch({ enabled, meId, text, setText, box }: Options) {
  const [at, setAt] = useState<AtQuery | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const colleagues = useQuery({ ...trpc.users.list.queryOptions(), enabled });
  const all = colleagues.data ?? [];
  const open =
    enabled &&
    at !== null &&
    text.slice(at.start, at.end) === `@${at.query}` &&
    dismissed !== text.slice(0, at.end);
  const matches = open ? colleaguesMatching(all, at.query, meId) : [];
  const highlighted = Math.min(active, Math.max(0, matches.length - 1));

  const track = (area: HTMLTextAreaElement) => {
    const next = atQueryAt(area.value, area.selectionStart ?? area.value.length);
    if (next?.query !== at?.query || next?.start !== at?.start) setActive(0);
    setAt(next);
  };

  const insert = (u: Colleague) => {
    if (!at) return;
    const before = `${text.slice(0, at.start)}@${u.name} `;
    setText(before + text.slice(at.end));
    setAt(null);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(before.length, before.length);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean =>
    open &&
    at !== null &&
    listboxKeyDown(e, {
      count: matches.length,
      highlighted,
      setActive,
      pick: (index) => insert(matches[index]!),
      dismiss: () => setDismissed(text.slice(0, at.end)),
    });

  return {
    open: open && matches.length > 0,
    matches,
    highlighted,
    track,
    insert,
    onKeyDown,
    setActive,
    mentioned: (body: string) => mentionedIn(body, all),
  };
}

export type MentionSearch = ReturnType<typeof useMentionSearch>;
