import type { KeyboardEvent } from 'react';

/**
 * The keys of a row of tabs (WAI-ARIA tabs): Left and Right move round the row, Home and End
 * go to its ends. Answers the index of the tab to move to, or null when the key is not a
 * tab key (the caller then leaves the event alone, so Tab still leaves the row).
 */
export function tabKeyTarget(e: KeyboardEvent<HTMLElement>, at: number, count: number) {
  if (count === 0) return null;
  const to =
    e.key === 'ArrowRight'
      ? (at + 1) % count
      : e.key === 'ArrowLeft'
        ? (at - 1 + count) % count
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? count - 1
            : null;
  if (to !== null) e.preventDefault();
  return to;
}
