import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { ToolActivity, ToolErrorCode, ToolOutcome } from '../../ai/custom-tools';
import { decryptSecret } from '../../auth/secrets';
import type { ChatbotTool } from '../../db/schema';
import { checkHost } from './address-guard';
import { PLACEHOLDER } from './definitions';

/** The most of a response body read; a larger one is an error, not a truncated answer. */
export const RESPONSE_BYTES_LIMIT = 1024 * 1024;

/** Why the call stopped early, so the timeline tells a timeout from a turn that moved on. */
class Stop extends Error {
  constructor(readonly code: ToolErrorCode) {
    super(code);
  }
}

/** The URL with each {param} URL-encoded, and the arguments no placeholder took. */
function fillUrl(template: string, args: Record<string, unknown>) {
  const rest = { ...args };
  const text = template.replace(PLACEHOLDER, (_m, name: string) => {
    const value = args[name];
    delete rest[name];
    if (value === undefined || value === null || typeof value === 'object')
      throw new Stop('invalid_arguments');
    return encodeURIComponent(String(value));
  });
  return { url: new URL(text), rest };
}

/** The value at a dot path (`order.items.0.sku`), or undefined. */
function at(data: unknown, path: string): unknown {
  let v = data;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function visible(data: unknown, fields: readonly string[]): unknown {
  if (!fields.length || data === null || typeof data !== 'object') return data;
  return Object.fromEntries(fields.map((f) => [f, at(data, f) ?? null]));
}

async function readBody(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > RESPONSE_BYTES_LIMIT) throw new Stop('response_too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

interface Sent {
  status: number;
  body: Buffer;
  json: boolean;
}

/** One request to the checked address, the URL's host named in Host and in TLS's SNI. */
function send(
  url: URL,
  address: string,
  tool: ChatbotTool,
  body: string | undefined,
  signal: AbortSignal,
): Promise<Sent> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const h of tool.headers) {
    try {
      headers[h.name] = decryptSecret(h.sealed);
    } catch {
      return Promise.reject(new Stop('header_unreadable'));
    }
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  headers.host = url.host;
  const https = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise<Sent>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      {
        host: address,
        port: url.port || (https ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: tool.method,
        headers,
        signal,
        agent: false,
        ...(https && !isIP(hostname) ? { servername: hostname } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          // Following it would connect to a host nobody checked.
          res.destroy();
          reject(new Stop('redirect_refused'));
          return;
        }
        const json = /\bjson\b/i.test(String(res.headers['content-type'] ?? ''));
        readBody(res).then((b) => resolve({ status, body: b, json }), reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Runs `tool` with the model's arguments: checked against its schema, put in its URL (the rest
 * as the query of a GET or DELETE, else as a JSON body), sent to an address the guard passed,
 * within its timeout and the size limit. Never throws: every failure is an error result.
 */
export async function callHttpTool(
  tool: ChatbotTool,
  args: unknown,
  signal?: AbortSignal,
): Promise<ToolOutcome> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(tool.timeoutMs);
  const stop = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const outcome = (
    status: ToolActivity['status'],
    result: Record<string, unknown>,
    extra: Partial<ToolActivity> = {},
  ): ToolOutcome => ({
    result,
    activity: {
      tool: tool.name,
      toolId: tool.id,
      status,
      durationMs: Math.round(performance.now() - started),
      ...extra,
    },
  });
  const failed = (code: ToolErrorCode, message: string, httpStatus?: number) =>
    outcome(
      'error',
      { ok: false, error: code, message },
      { errorCode: code, ...(httpStatus ? { httpStatus } : {}) },
    );
  try {
    const schema = z.fromJSONSchema(tool.parameters as Parameters<typeof z.fromJSONSchema>[0]);
    const parsed = schema.safeParse(args);
    if (!parsed.success || parsed.data === null || typeof parsed.data !== 'object')
      return failed(
        'invalid_arguments',
        parsed.success ? 'Arguments must be an object' : z.prettifyError(parsed.error),
      );
    const { url, rest } = fillUrl(tool.urlTemplate, parsed.data as Record<string, unknown>);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return failed('invalid_url', 'Only http and https are allowed');
    const inQuery = tool.method === 'GET' || tool.method === 'DELETE';
    if (inQuery)
      for (const [k, v] of Object.entries(rest))
        if (v !== undefined && v !== null)
          url.searchParams.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    const checked = await checkHost(url.hostname, tool.allowedHosts);
    if (!checked.ok)
      return failed(
        checked.code,
        checked.code === 'blocked_address'
          ? 'The API resolves to a private address'
          : 'The API host could not be resolved',
      );
    const body = inQuery ? undefined : JSON.stringify(rest);
    const sent = await send(url, checked.address, tool, body, stop);
    const text = sent.body.toString('utf8');
    let data: unknown = text;
    if (sent.json) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    const ok = sent.status >= 200 && sent.status < 300;
    const result = {
      ok,
      status: sent.status,
      data: ok ? visible(data, tool.responseFields) : data,
    };
    return ok
      ? outcome('ok', result, { httpStatus: sent.status })
      : outcome('error', result, { httpStatus: sent.status, errorCode: 'http_error' });
  } catch (err) {
    if (err instanceof Stop) return failed(err.code, messages[err.code] ?? err.code);
    if (timeout.aborted) return failed('timeout', `No answer within ${tool.timeoutMs} ms`);
    if (signal?.aborted) return failed('aborted', 'The reply was stopped');
    return failed('connection_failed', 'The API could not be reached');
  }
}

const messages: Partial<Record<ToolErrorCode, string>> = {
  invalid_arguments: 'A URL parameter is missing or is not a single value',
  redirect_refused: 'The API answered with a redirect, which tools do not follow',
  response_too_large: `The response is larger than ${RESPONSE_BYTES_LIMIT} bytes`,
  header_unreadable: 'A header of this tool cannot be decrypted: set its value again',
};
