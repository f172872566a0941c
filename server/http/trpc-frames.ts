import {
  type AnyTRPCRouter,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  transformTRPCResponse,
} from '@trpc/server';
import { type Encoder, jsonEncoder } from '@trpc/server/adapters/ws';
import type { WebSocket } from 'ws';
import { trpcErrorOf } from '../request/body';
import { jsonTextRefusal } from '../request/json-text';

const PROCEDURE_TYPES = new Set(['query', 'mutation', 'subscription']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The requests of a tRPC frame: one message, or an array of them. */
const requestsOf = (frame: unknown): unknown[] => (Array.isArray(frame) ? frame : [frame]);

/** The inputs of a frame's requests, whose fields a refusal names (as over HTTP). */
const inputsOf = (frame: unknown): unknown[] =>
  requestsOf(frame).map((r) => (isRecord(r) && isRecord(r.params) ? r.params.input : r));

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * tRPC's JSON wire format for one socket, with every frame checked as HTTP bodies are
 * (server/request/json-text.ts) before tRPC reads it. The adapter has no per-message hook, but it
 * decodes each text frame through its encoder and handles the requests decoded: a refused frame
 * decodes to none, and each of its requests is answered here with the error tRPC over HTTP
 * gives (BAD_REQUEST), for its id, in tRPC's error shape. The socket stays open. A refused
 * connectionParams frame is thrown back to tRPC, which answers it and closes the socket as for
 * any malformed one. Text that is not JSON is left to tRPC (PARSE_ERROR, as before).
 */
export function checkedEncoder(ws: WebSocket, router: AnyTRPCRouter): Encoder {
  const config = router._def._config;
  return {
    encode: jsonEncoder.encode,
    decode(data) {
      if (typeof data !== 'string') return jsonEncoder.decode(data);
      const refusal = jsonTextRefusal(data, inputsOf);
      const frame = refusal && parsed(data);
      if (!refusal || frame === undefined) return jsonEncoder.decode(data);
      if (isRecord(frame) && frame.method === 'connectionParams') throw refusal;
      const error = getTRPCErrorFromUnknown(trpcErrorOf(refusal));
      for (const request of requestsOf(frame)) {
        const r = isRecord(request) ? request : {};
        const id = typeof r.id === 'string' || typeof r.id === 'number' ? r.id : null;
        const type =
          typeof r.method === 'string' && PROCEDURE_TYPES.has(r.method) ? r.method : 'unknown';
        const path =
          isRecord(r.params) && typeof r.params.path === 'string' ? r.params.path : undefined;
        const shape = getTRPCErrorShape({
          config,
          error,
          type: type as 'query' | 'mutation' | 'subscription' | 'unknown',
          path,
          input: undefined,
          ctx: undefined,
        });
        const response = {
          id,
          jsonrpc: r.jsonrpc === '2.0' ? ('2.0' as const) : undefined,
          error: shape,
        };
        ws.send(jsonEncoder.encode(transformTRPCResponse(config, response)));
      }
      return [];
    },
  };
}
