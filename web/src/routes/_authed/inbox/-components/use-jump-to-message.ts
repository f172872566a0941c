import { useCallback, useEffect, useRef } from 'react';

/** How long a jump waits for the thread to render the message. */
const WAIT_MS = 8_000;

/**
 * Once the conversation's thread shows the message (its bubble carries data-message-id),
 * scroll to it and mark it for a few seconds. Watches the DOM, because the thread loads after
 * the route changes and is another component's.
 */
export function useJumpToMessage(): (messageId: string) => void {
  const stop = useRef<() => void>(() => {});
  useEffect(() => () => stop.current(), []);
  return useCallback((messageId: string) => {
    stop.current();
    const find = () =>
      document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
    const done = (el: HTMLElement) => {
      stop.current();
      el.scrollIntoView({ block: 'center' });
      el.classList.add('msg-found');
      window.setTimeout(() => el.classList.remove('msg-found'), 4_000);
    };
    const observer = new MutationObserver(() => {
      const el = find();
      if (el) done(el);
    });
    const timer = window.setTimeout(() => stop.current(), WAIT_MS);
    stop.current = () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
    observer.observe(document.body, { childList: true, subtree: true });
    const el = find();
    if (el) done(el);
  }, []);
}
