import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { identityCache } from '../server/auth/identity-cache';
import { hub } from '../server/realtime/hub';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { openConsoleSocket } from './helpers/console-socket';
import { api, startTestServer } from './helpers/server';

/** Opens a widget's /messages socket and records how it ends. */
async function widgetSocket(baseUrl: string, publicKey: string) {
  const session = await api(baseUrl, 'POST', '/widget/session', { body: { publicKey } });
  expect(session.status).toBe(201);
  const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/messages?token=${session.body.token}`);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

describe('closing the WebSocket servers', () => {
  it('closes every socket with 1012 (tRPC clients told to reconnect first), and the HTTP server can then close', async () => {
    const srv = await startTestServer();
    try {
      const { admin } = await makeWorkspace();
      const bot = await makeChatbot(admin, { aiEnabled: false });
      const widgets = await Promise.all([1, 2, 3].map(() => widgetSocket(srv.url, bot.publicKey)));
      // A peer that no longer reads (a frozen tab, a dead network) never answers a close frame.
      const frozen = await widgetSocket(srv.url, bot.publicKey);
      (frozen.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const console = await openConsoleSocket(srv.url, await tokenFor(admin));
      const inbox = await console.subscribe('realtime.inbox');
      expect(inbox.started).toBe(true);
      expect(srv.sockets.counts()).toEqual({ trpc: 1, messages: 4 });

      await srv.sockets.close();

      expect(srv.sockets.counts()).toEqual({ trpc: 0, messages: 0 });
      expect(await Promise.all(widgets.map((w) => w.closed))).toEqual([1012, 1012, 1012]);
      const reconnect = console.frames.findIndex((f) => f.method === 'reconnect');
      expect(reconnect).toBeGreaterThanOrEqual(0);
      expect((await console.closed).code).toBe(1012);
      // New sockets are refused while the process goes down.
      const late = new WebSocket(`${srv.url.replace('http', 'ws')}/trpc`);
      const status = await new Promise<number | undefined>((resolve) => {
        late.once('unexpected-response', (_req, res) => resolve(res.statusCode));
        late.once('open', () => resolve(undefined));
      });
      expect(status).toBe(503);
      // Nothing upgraded is left for server.close() to wait on.
      await new Promise((resolve) => srv.server.close(resolve));
    } finally {
      await Promise.all([hub.stop(), identityCache.stop()]);
      srv.server.closeAllConnections();
    }
  });
});
