import { useNavigate } from '@tanstack/react-router';
import { type RefObject, useEffect, useRef } from 'react';
import type { ConversationRowData } from './conversation-row';

/** A keystroke meant for a field, a menu or a modifier shortcut is not an inbox shortcut. */
function ignored(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return true;
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  return (
    t.isContentEditable ||
    t.closest('input, textarea, select, [role="menu"], [role="dialog"]') !== null
  );
}

/** Binds single-key shortcuts on the document; the handlers may change on every render. */
export function useKeys(handlers: Record<string, () => void>) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (ignored(e)) return;
      const handler = ref.current[e.key];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

interface ListShortcuts {
  rows: ConversationRowData[];
  selectedId: number | undefined;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** j / k move through the list (and focus the row, so a screen reader follows); / searches. */
export function useListShortcuts({ rows, selectedId, searchRef }: ListShortcuts) {
  const navigate = useNavigate();
  const move = (step: number) => {
    if (rows.length === 0) return;
    const at = rows.findIndex((r) => r.id === selectedId);
    const next = rows[at < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, at + step))];
    if (!next) return;
    void navigate({
      to: '/inbox/$conversationId',
      params: { conversationId: String(next.id) },
      search: (prev) => prev,
    }).then(() => {
      document.querySelector<HTMLElement>(`[data-conversation-id="${next.id}"]`)?.focus();
    });
  };
  useKeys({
    j: () => move(1),
    k: () => move(-1),
    '/': () => searchRef.current?.focus(),
  });
}
