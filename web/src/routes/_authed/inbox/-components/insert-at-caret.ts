import type { RefObject } from 'react';

/**
 * Puts `piece` where the caret is (over the selection, if any) and the caret after it, as
 * typing would; without a box, at the end.
 */
export function insertAtCaret(
  box: RefObject<HTMLTextAreaElement | null>,
  text: string,
  setText: (text: string) => void,
  piece: string,
) {
  const area = box.current;
  const start = area?.selectionStart ?? text.length;
  const end = area?.selectionEnd ?? text.length;
  setText(`${text.slice(0, start)}${piece}${text.slice(end)}`);
  requestAnimationFrame(() => {
    if (!area) return;
    area.focus();
    const caret = start + piece.length;
    area.setSelectionRange(caret, caret);
  });
}
