import { useCallback, useSyncExternalStore } from 'react';

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer?: number;
}

// One timer per period, shared by every component that shows a ticking time. A clock nobody
// watches is dropped, so the next reader starts from the current time.
const clocks = new Map<number, Clock>();

function clock(periodMs: number): Clock {
  let c = clocks.get(periodMs);
  if (!c) {
    c = { now: Date.now(), listeners: new Set() };
    clocks.set(periodMs, c);
  }
  return c;
}

function subscribe(periodMs: number, listener: () => void) {
  const c = clock(periodMs);
  c.listeners.add(listener);
  c.timer ??= window.setInterval(() => {
    c.now = Date.now();
    for (const l of c.listeners) l();
  }, periodMs);
  return () => {
    c.listeners.delete(listener);
    if (c.listeners.size > 0) return;
    window.clearInterval(c.timer);
    clocks.delete(periodMs);
  };
}

/** The current time in ms, re-rendering every `periodMs` (waiting times, countdowns). */
export function useNow(periodMs = 1_000): number {
  const sub = useCallback((listener: () => void) => subscribe(periodMs, listener), [periodMs]);
  return useSyncExternalStore(sub, () => clock(periodMs).now);
}
