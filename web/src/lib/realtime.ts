import type { RouterOutputs } from './trpc';

type Envelope<T> = T extends AsyncIterable<infer E> ? E : never;

/** One realtime event as the inbox and conversation subscriptions yield it. */
export type LiveEvent = Envelope<RouterOutputs['realtime']['inbox']>['data'];
export type LiveMessage = NonNullable<LiveEvent['message']>;

/** Calls `fn` once per burst of calls (many events → one refetch). */
export function coalesce(fn: () => void, waitMs = 120): () => void {
  let timer: number | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      fn();
    }, waitMs);
  };
}
