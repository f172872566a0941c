import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useClickOutside } from '../../../components/use-click-outside';

/** What the arrow keys move between in an open panel (hidden ones are skipped). */
const STOPS = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled])';

/**
 * A button that shows and hides a panel (the WAI-ARIA disclosure): a click outside closes it,
 * Escape closes it and gives the focus back to the button. The panel holds ordinary links and
 * controls, reached with Tab; while it is open, Up/Down (and Home/End) also move between them
 * (from the button too), as in a menu, so a long folded navigation is quick to walk by keyboard.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useClickOutside(
    open,
    root,
    useCallback(() => setOpen(false), []),
  );
  useEffect(() => {
    if (!open) return;
    const within = root.current;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
        return;
      }
      const panel = document.getElementById(panelId);
      if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key) || !panel) return;
      const stops = Array.from(panel.querySelectorAll<HTMLElement>(STOPS)).filter(
        (el) => el.getClientRects().length > 0,
      );
      if (stops.length === 0) return;
      e.preventDefault();
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const last = stops.length - 1;
      const next =
        e.key === 'Home' || (e.key === 'ArrowDown' && at === -1)
          ? 0
          : e.key === 'End' || (e.key === 'ArrowUp' && at === -1)
            ? last
            : (at + (e.key === 'ArrowDown' ? 1 : last)) % stops.length;
      stops[next]?.focus();
    };
    within?.addEventListener('keydown', onKey);
    return () => within?.removeEventListener('keydown', onKey);
  }, [open, panelId]);

  const buttonProps = {
    ref: button,
    'aria-expanded': open,
    'aria-controls': panelId,
    onClick: () => setOpen(!open),
  };
  return { open, setOpen, panelId, root, buttonProps };
}
