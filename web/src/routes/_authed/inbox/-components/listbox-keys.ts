import type { KeyboardEvent } from 'react';

interface ListboxState {
  /** How many options the list shows. */
  count: number;
  highlighted: number;
  setActive: (index: number) => void;
  pick: (index: number) => void;
  dismiss: () => void;
}

/**
 * The keys of a list that opens under a text box while the focus stays in the box (the
 * composer's `/` and `@` lists): Escape dismisses it, the arrows move round it, Enter or Tab
 * picks (not while an input method is composing). True when the key was the list's.
 */
export function listboxKeyDown(e: KeyboardEvent<HTMLElement>, list: ListboxState): boolean {
  if (e.key === 'Escape') {
    e.preventDefault();
    list.dismiss();
    return true;
  }
  if (list.count === 0) return false;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const step = e.key === 'ArrowDown' ? 1 : -1;
    list.setActive((list.highlighted + step + list.count) % list.count);
    return true;
  }
  if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.nativeEvent.isComposing) {
    e.preventDefault();
    list.pick(list.highlighted);
    return true;
  }
  return false;
}
