import { AppError } from '../errors';
import { type HubEvent, loadEvents } from './event-reads';
import { hub } from './hub';

const MAX_QUEUE = 10_000;
const CATCH_UP_BATCH = 500;

export interface StreamScope {
  workspaceId: number;
  conversationId?: number;
}

/**
 * Live events for one subscriber, resumable: it subscribes to the hub first, then replays the
 * outbox after `lastEventId` up to what the hub has already dispatched, then continues live.
 * Every event is yielded once, in id order.
 */
export async function* eventStream(opts: {
  scope: StreamScope;
  accept: (event: HubEvent) => boolean;
  lastEventId?: number | null;
  signal?: AbortSignal;
}): AsyncGenerator<HubEvent> {
  const { scope, accept, signal } = opts;
  const queue: HubEvent[] = [];
  let wake: (() => void) | null = null;
  let overflow = false;
  // One abort listener for the stream's life: it wakes the wait below, whichever it is.
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  const unsubscribe = hub.subscribe((e) => {
    if (e.workspaceId !== scope.workspaceId) return;
    if (scope.conversationId !== undefined && e.conversationId !== scope.conversationId) return;
    if (!accept(e)) return;
    if (queue.length >= MAX_QUEUE) overflow = true;
    else queue.push(e);
    wake?.();
  });
  try {
    let last = opts.lastEventId ?? 0;
    if (opts.lastEventId != null) {
      const until = hub.position;
      for (;;) {
        const batch = await loadEvents(last, { ...scope, untilId: until }, CATCH_UP_BATCH);
        for (const e of batch) {
          last = e.id;
          if (accept(e)) yield e;
        }
        if (batch.length < CATCH_UP_BATCH) break;
      }
      last = Math.max(last, until);
    }
    while (!signal?.aborted) {
      if (overflow)
        throw new AppError('TOO_MANY_REQUESTS', 'Subscriber fell too far behind; resubscribe');
      let next = queue.shift();
      while (next) {
        // A signal carries the id of the event it follows, which this stream may have yielded.
        if (next.signal) yield next;
        else if (next.id > last) {
          last = next.id;
          yield next;
        }
        next = queue.shift();
      }
      if (signal?.aborted) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
  }
}
