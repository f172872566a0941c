import type { Server } from 'node:http';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { config } from '../config';
import { logger } from '../logger';
import { createContext } from '../trpc/context';
import { appRouter } from '../trpc/root';
import { MessagesGateway } from './gateway';
import { presence } from './presence';

export interface SocketServers {
  /** Open sockets per endpoint (for /healthz and tests). */
  counts(): { trpc: number; messages: number };
  close(): Promise<void>;
}

const MAX_PAYLOAD = 1024 * 1024;

function refuse(socket: NodeJS.WritableStream & { destroy(): void }, status: string) {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * WebSocket endpoints on the HTTP server's upgrade: tRPC subscriptions at /trpc and the widget
 * gateway at /messages (authenticated on the upgrade request itself).
 */
export function attachWebSockets(server: Server): SocketServers {
  const trpcWss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const handler = applyWSSHandler({
    wss: trpcWss,
    router: appRouter,
    createContext: async (opts) => {
      const ctx = await createContext(opts);
      if (ctx.auth) presence.track(opts.res, ctx.auth.actor.userId);
      return ctx;
    },
    keepAlive: { enabled: true, pingMs: config.WS_PING_INTERVAL_MS, pongWaitMs: 10_000 },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ err: error.cause ?? error, path }, 'trpc ws error');
      }
    },
  });
  // tRPC writes to its sockets itself: sweep them for clients that stopped reading.
  const sweep = setInterval(() => {
    for (const ws of trpcWss.clients) {
      if (ws.bufferedAmount > config.WS_MAX_BUFFERED_BYTES) ws.terminate();
    }
  }, 1_000);
  sweep.unref();
  const gatewayWss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const gateway = new MessagesGateway(gatewayWss);
  gateway.start();
  presence.start();

  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/trpc') {
      trpcWss.handleUpgrade(req, socket, head, (ws) => trpcWss.emit('connection', ws, req));
    } else if (pathname === '/messages') {
      void MessagesGateway.authenticate(req).then((caller) => {
        if (!caller) return refuse(socket, '401 Unauthorized');
        gatewayWss.handleUpgrade(req, socket, head, (ws) =>
          gatewayWss.emit('connection', ws, req, caller),
        );
      });
    } else {
      refuse(socket, '404 Not Found');
    }
  });

  return {
    counts: () => ({ trpc: trpcWss.clients.size, messages: gatewayWss.clients.size }),
    async close() {
      // Tell clients to reconnect (to another process, or to this one after a restart).
      clearInterval(sweep);
      handler.broadcastReconnectNotification();
      gateway.stop();
      presence.stop();
      for (const ws of trpcWss.clients) ws.close(1012, 'server restarting');
      await Promise.all([
        new Promise<void>((resolve) => trpcWss.close(() => resolve())),
        new Promise<void>((resolve) => gatewayWss.close(() => resolve())),
      ]);
    },
  };
}
