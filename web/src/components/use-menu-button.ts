import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useClickOutside } from './use-click-outside';

const ITEMS = '[role^="menuitem"]';

/**
 * A button that opens a menu (the WAI-ARIA menu button): a click outside closes it, opening
 * focuses the first item, Escape closes it and gives the focus back to the button, the arrow
 * keys move between items (a text field inside the menu keeps its own arrow keys).
 */
export function useMenuButton() {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useClickOutside(
    open,
    root,
    useCallback(() => setOpen(false), []),
  );
  useEffect(() => {
    if (open) root.current?.querySelector<HTMLElement>(ITEMS)?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') return close();
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    e.preventDefault();
    const items = Array.from(root.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
  };
  /** The button's own attributes. */
  const buttonProps = {
    ref: button,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open,
    'aria-controls': open ? menuId : undefined,
    onClick: () => setOpen(!open),
  };
  return { open, setOpen, menuId, root, close, onKeyDown, buttonProps };
}
