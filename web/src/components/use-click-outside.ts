import { type RefObject, useEffect } from 'react';

/** While `open`, a mouse press outside `root` calls `close` (menus, disclosures, popovers). */
export function useClickOutside(
  open: boolean,
  root: RefObject<HTMLElement | null>,
  close: () => void,
): void {
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open, root, close]);
}
