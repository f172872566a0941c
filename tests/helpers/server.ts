import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { identityCache } from '../../server/auth/identity-cache';
import { sql } from '../../server/db/client';
import { createApp } from '../../server/http/app';
import { withMessageSend } from '../../server/http/message-send';
import { attachWebSockets, type SocketServers } from '../../server/http/ws-server';
import { hub } from '../../server/realtime/hub';

export interface TestServer {
  url: string;
  server: Server;
  sockets: SocketServers;
  close(): Promise<void>;
}

/** The real express app and WebSocket endpoints on an ephemeral port. */
export async function startTestServer(): Promise<TestServer> {
  await hub.start(sql);
  await identityCache.start(sql);
  const health = { ready: true, database: 'up', worker: 'disabled' } as const;
  const server = createServer(withMessageSend(createApp({ ...health }), { ...health }));
  const sockets = attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sockets,
    async close() {
      await sockets.close();
      await Promise.all([hub.stop(), identityCache.stop()]);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** fetch with JSON in and out; `token` becomes a Bearer header. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies dynamically
export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(base + path, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {}
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** The test file's server: started before its tests, closed after them. */
export function serverForThisFile(): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer();
  });
  afterAll(() => current?.close());
  const get = () => {
    if (!current) throw new Error('the test server is not started yet');
    return current;
  };
  return {
    get url() {
      return get().url;
    },
    get server() {
      return get().server;
    },
    get sockets() {
      return get().sockets;
    },
    close: () => get().close(),
  };
}
