import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Calls of one kind (model or send) by what they carry: the customer's text, or the reply's. */
export interface CallLog {
  /** Every call, by key, counted when it arrives. */
  calls: Map<string, number>;
  /** Calls that arrived while another with the same key was still unanswered. */
  overlapping: number;
  inFlight(): number;
}

function callLog() {
  const open = new Map<string, number>();
  const log = {
    calls: new Map<string, number>(),
    overlapping: 0,
    inFlight: () => [...open.values()].reduce((a, b) => a + b, 0),
    start(key: string) {
      log.calls.set(key, (log.calls.get(key) ?? 0) + 1);
      if (open.get(key)) log.overlapping++;
      open.set(key, (open.get(key) ?? 0) + 1);
    },
    end(key: string) {
      open.set(key, (open.get(key) ?? 1) - 1);
    },
  };
  return log;
}

const readBody = async (req: IncomingMessage) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || '{}') as Record<string, unknown>;
};

/**
 * The third parties a worker process calls, on 127.0.0.1: an OpenAI-compatible model that answers
 * "Re: <the customer's text>" and a WAHA WhatsApp bridge. Each answers after its delay, or holds
 * every call until `release()` while held, so a test can keep calls in flight as long as it needs.
 */
export async function startProviders(options: { modelMs?: number; sendMs?: number } = {}) {
  const model = callLog();
  const sends = callLog();
  let gate: { promise: Promise<void>; open(): void } | null = null;
  let sent = 0;
  const answer = async (delayMs = 0) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (gate) await gate.promise;
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url === '/v1/chat/completions') {
      const turns = (body.messages ?? []) as { role: string; content: string }[];
      const key = turns.filter((m) => m.role === 'user').at(-1)?.content ?? '';
      model.start(key);
      await answer(options.modelMs);
      model.end(key);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${model.calls.size}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: String(body.model ?? 'gpt-4o-mini'),
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: `Re: ${key}`, refusal: null },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
      return;
    }
    if (req.url === '/api/sendText') {
      const key = String(body.text ?? '');
      sends.start(key);
      await answer(options.sendMs);
      sends.end(key);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: { _serialized: `true_${body.chatId}_${++sent}` }, ack: 0 }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** OPENAI_BASE_URL for the worker processes. */
    modelUrl: `${url}/v1`,
    /** The WAHA integration's baseUrl. */
    bridgeUrl: url,
    model,
    sends,
    hold() {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = null;
    },
    close() {
      gate?.open();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Providers = Awaited<ReturnType<typeof startProviders>>;

/** Keys called more than once. */
export const repeated = (log: CallLog) => [...log.calls].filter(([, n]) => n > 1);
