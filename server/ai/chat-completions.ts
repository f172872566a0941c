import http from 'node:http';
import https from 'node:https';
import OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import { config } from '../config';
import { decodedBody, modelAgents } from './model-fetch';
import { retryAfterMs } from './rate-limit';

/** What the bot's responder asks of a model server: one non-streamed chat completion. */
export interface ChatCompletions {
  create(
    body: ChatCompletionCreateParamsNonStreaming,
    options?: { signal?: AbortSignal },
  ): Promise<ChatCompletion>;
}

/** The SDK's backoff between retries when the server names no time: 0.5 s doubling, at most 8 s. */
const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 8_000;
/** A Retry-After longer than this is not waited for here (the turn waits in PostgreSQL). */
const LONGEST_NAMED_WAIT_MS = 60_000;

/**
 * POST /chat/completions over node:http keep-alive connections, without the openai SDK: the
 * SDK's request building (headers, URL, body encoding, debug log formatting) and its Response
 * and web-stream wrapping cost about 0.8 ms of server CPU per completion, more than the
 * request itself (issue 19, docs/performance.md "CPU per message"). It keeps what the bot relies
 * on: errors are the SDK's classes (OpenAI.APIError.generate: a 429 is a RateLimitError with the
 * response's headers, so Retry-After is read as before; a refused tool a BadRequestError), the
 * timeout (OPENAI_TIMEOUT_MS, APIConnectionTimeoutError), the abort signal (APIUserAbortError),
 * and OPENAI_MAX_RETRIES retries of what the SDK retries (connection errors, 408, 409, 429, 5xx,
 * or as the server's x-should-retry says) after its backoff or the server's Retry-After.
 */
export function chatCompletions(
  options: { apiKey?: string; baseURL?: string; timeoutMs?: number; maxRetries?: number } = {},
): ChatCompletions {
  const base = (options.baseURL ?? config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(
    /\/+$/,
    '',
  );
  const url = new URL(`${base}/chat/completions`);
  const secure = url.protocol === 'https:';
  const headers = {
    authorization: `Bearer ${options.apiKey ?? config.OPENAI_API_KEY ?? ''}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const timeoutMs = options.timeoutMs ?? config.OPENAI_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? config.OPENAI_MAX_RETRIES;
  const post = (body: string, signal: AbortSignal | undefined) =>
    new Promise<ChatCompletion>((resolve, reject) => {
      if (signal?.aborted) return reject(new OpenAI.APIUserAbortError());
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        request.destroy();
        reject(err);
      };
      const onAbort = () => fail(new OpenAI.APIUserAbortError());
      const request = (secure ? https : http).request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          agent: secure ? modelAgents().https : modelAgents().http,
        },
        (res) => {
          decodedBody(res).then((text) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            const status = res.statusCode ?? 502;
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            if (status >= 200 && status < 300 && json && typeof json === 'object') {
              resolve(json as ChatCompletion);
              return;
            }
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
                responseHeaders.append(name, v);
            }
            reject(
              OpenAI.APIError.generate(
                status,
                json ?? text,
                json === undefined ? text || undefined : undefined,
                responseHeaders,
              ),
            );
          }, fail);
        },
      );
      const timer = setTimeout(() => fail(new OpenAI.APIConnectionTimeoutError()), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (cause) => fail(new OpenAI.APIConnectionError({ cause })));
      request.end(body);
    });

  return {
    async create(body, { signal } = {}) {
      const encoded = JSON.stringify(body);
      for (let retry = 0; ; retry++) {
        try {
          return await post(encoded, signal);
        } catch (err) {
          const wait = retry < maxRetries ? retryWait(err, retry) : null;
          if (wait === null) throw err;
          await pause(wait, signal);
        }
      }
    },
  };
}

/** How long before the next try of a failed call, or null when the SDK would not retry it. */
function retryWait(err: unknown, retry: number): number | null {
  if (err instanceof OpenAI.APIUserAbortError || !(err instanceof OpenAI.APIError)) return null;
  if (err.status !== undefined) {
    const says = err.headers?.get('x-should-retry');
    if (says === 'false') return null;
    const retried = [408, 409, 429].includes(err.status) || err.status >= 500;
    if (says !== 'true' && !retried) return null;
  }
  const named = retryAfterMs(err);
  if (named !== undefined && named < LONGEST_NAMED_WAIT_MS) return named;
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** retry, LONGEST_RETRY_MS);
  return backoff * (1 - Math.random() * 0.25);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new OpenAI.APIUserAbortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new OpenAI.APIUserAbortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
