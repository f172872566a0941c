import { useSyncExternalStore } from 'react';
import { queryClient, wsClient } from './trpc';

/**
 * The live connection as a person sees it: `idle` (nothing subscribed, the socket is closed on
 * purpose), `connecting` (first open), `live`, or `reconnecting` after the socket dropped.
 */
export type ConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting';

let current: ConnectionState = 'idle';
let dropped = false;
const listeners = new Set<() => void>();

function set(next: ConnectionState) {
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

wsClient.connectionState.subscribe({
  next: (state) => {
    if (state.state === 'idle') {
      dropped = false;
      return set('idle');
    }
    if (state.state === 'connecting') {
      // tRPC reports a connection error only when an open socket was lost (or never opened).
      if (state.error) dropped = true;
      return set(dropped ? 'reconnecting' : 'connecting');
    }
    if (dropped) {
      dropped = false;
      // Subscriptions resume from their last event id, but anything else on screen may be
      // stale (a query answered while the socket was down, an event past the replay): refetch.
      void queryClient.invalidateQueries();
    }
    set('live');
  },
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribe, () => current);
}
