import type { RouterOutputs } from './trpc';

type Envelope<T> = T extends AsyncIterable<infer E> ? E : never;

/** One realtime event as the inbox and conversation subscriptions yield it. */
export type LiveEvent = Envelope<RouterOutputs['realtime']['inbox']>['data'];
export type LiveMessage = NonNullable<LiveEvent['message']>;

/** The readable text of a message's content: text, an interactive body, a media caption. */
export function contentText(content: Record<string, unknown>): string {
  if (typeof content.text === 'string') return content.text;
  const body = content.body as { text?: unknown } | undefined;
  if (body && typeof body.text === 'string') return body.text;
  if (typeof content.caption === 'string') return content.caption;
  if (typeof content.name === 'string') return content.name;
  return '';
}

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
