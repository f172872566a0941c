import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useClickOutside } from '../../../components/use-click-outside';

/**
 * A button that shows and hides a panel (the WAI-ARIA disclosure): a click outside closes it,
 * Escape closes it and gives the focus back to the button. Unlike a menu there are no arrow
 * keys: the panel holds ordinary links and controls, reached with Tab.
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
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    const within = root.current;
    within?.addEventListener('keydown', onEscape);
    return () => within?.removeEventListener('keydown', onEscape);
  }, [open]);

  const buttonProps = {
    ref: button,
    'aria-expanded': open,
    'aria-controls': panelId,
    onClick: () => setOpen(!open),
  };
  return { open, setOpen, panelId, root, buttonProps };
}
