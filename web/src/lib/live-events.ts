import { useEffect, useRef } from 'react';
import type { LiveEvent } from './realtime';

/*
 * The workspace's events, as the page's one inbox stream receives them: the inbox reads the
 * stream itself (use-inbox-stream.ts), every other page through the header's mentions menu.
 * Whatever else follows the events (the tab title and notifications, the supervisor's agents
 * table) listens here, so a tab holds one stream, not one per feature.
 */
type Listener = (e: LiveEvent) => void;
const listeners = new Set<Listener>();

/** Called by the page's stream with each event it receives. */
export function publishLiveEvent(e: LiveEvent): void {
  for (const listener of listeners) listener(e);
}

/** Runs `listener` on every event of the page's stream while the component is mounted. */
export function useLiveEvents(listener: Listener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const call: Listener = (e) => latest.current(e);
    listeners.add(call);
    return () => {
      listeners.delete(call);
    };
  }, []);
}
