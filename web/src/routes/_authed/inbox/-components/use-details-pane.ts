import { type RefObject, useEffect, useRef, useState } from 'react';

export interface DetailsPane {
  open: boolean;
  show: () => void;
  hide: () => void;
  /** The conversation header's Details button: the focus comes back to it on closing. */
  opener: RefObject<HTMLButtonElement | null>;
  /** The panel's Back button: the focus goes to it on opening. */
  closer: RefObject<HTMLButtonElement | null>;
}

/**
 * The contact and conversation details below 1200 px wide: a drawer over the thread on a
 * tablet, the whole screen on a phone, so they are opened and closed on purpose. The focus
 * moves with them, so a keyboard user is never left on a control that just disappeared.
 * Wider screens show the details beside the thread and never use this state.
 */
export function useDetailsPane(): DetailsPane {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  // After the render, once the pane that takes the focus is on screen.
  useEffect(() => {
    if (open) closer.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return { open, show: () => setOpen(true), hide: () => setOpen(false), opener, closer };
}
