import WebSocket from 'ws';
import { eventually } from './worker';

/** A tRPC answer over the socket: the data, or the error's code and message. */
export type Answer = { ok: true; data: unknown } | { ok: false; code: string; message: string };

interface Wire {
  id: number | null;
  method?: string;
  result?: { type: 'started' | 'data' | 'stopped'; data?: unknown };
  error?: { message: string; data?: { code?: string } };
}

/**
 * The console's WebSocket at /trpc spoken frame by frame (tRPC v11's protocol), so a test sees
 * what the client library hides: close codes, reconnect notifications, a stream's end.
 */
export async function openConsoleSocket(baseUrl: string, token?: string) {
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/trpc?connectionParams=1`);
  const frames: Wire[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  let closedWith: { code: number; reason: string } | undefined;
  void closed.then((c) => (closedWith = c));
  ws.on('message', (raw) => {
    const text = raw.toString();
    if (text === 'PING') return ws.send('PONG');
    frames.push(JSON.parse(text) as Wire);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ method: 'connectionParams', data: token ? { token } : {} }));
  let lastId = 0;

  const answerOf = (frame: Wire): Answer =>
    frame.error
      ? { ok: false, code: frame.error.data?.code ?? '', message: frame.error.message }
      : { ok: true, data: frame.result?.data };

  /** A query or mutation over the socket. */
  async function call(type: 'query' | 'mutation', path: string, input?: unknown): Promise<Answer> {
    const id = ++lastId;
    ws.send(JSON.stringify({ id, method: type, params: { path, input } }));
    const frame = await eventually(async () => frames.find((f) => f.id === id) ?? closedWith);
    if ('code' in frame) return { ok: false, code: 'CLOSED', message: frame.reason };
    return answerOf(frame);
  }

  /** Starts a subscription; `ended()` is its error or stop, once it ends. */
  async function subscribe(path: string, input: unknown = {}) {
    const id = ++lastId;
    ws.send(JSON.stringify({ id, method: 'subscription', params: { path, input } }));
    const first = await eventually(async () =>
      frames.find((f) => f.id === id && (f.error || f.result?.type === 'started')),
    );
    const mine = () => frames.filter((f) => f.id === id);
    return {
      started: first.result?.type === 'started',
      refusal: first.error ? answerOf(first) : undefined,
      data: () => mine().filter((f) => f.result?.type === 'data'),
      /** How the stream ended: an error's code, `stopped`, or `closed` with the socket. */
      ended: (timeoutMs?: number) =>
        eventually(async () => {
          const end = mine().find((f) => f.error || f.result?.type === 'stopped');
          if (end) return end.error ? (end.error.data?.code ?? 'ERROR') : 'stopped';
          return closedWith ? 'closed' : undefined;
        }, timeoutMs),
    };
  }

  return {
    ws,
    frames,
    call,
    subscribe,
    /** Resolves with the close code and reason, when the server (or we) close the socket. */
    closed,
    isOpen: () => ws.readyState === ws.OPEN,
    close: () => {
      ws.close();
      return closed;
    },
  };
}
