import type { Server } from 'node:http';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { logger } from '../logger';
import { createContext } from '../trpc/context';
import { appRouter } from '../trpc/root';

export interface SocketServers {
  close(): Promise<void>;
}

const MAX_PAYLOAD = 1024 * 1024;

/** WebSocket endpoints on the HTTP server's upgrade: tRPC subscriptions at /trpc. */
export function attachWebSockets(server: Server): SocketServers {
  const trpcWss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const handler = applyWSSHandler({
    wss: trpcWss,
    router: appRouter,
    createContext,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ err: error.cause ?? error, path }, 'trpc ws error');
      }
    },
  });

  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/trpc') {
      trpcWss.handleUpgrade(req, socket, head, (ws) => trpcWss.emit('connection', ws, req));
    } else {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
    }
  });

  return {
    async close() {
      // Tell tRPC clients to reconnect (to another process, or to this one after restart).
      handler.broadcastReconnectNotification();
      for (const ws of trpcWss.clients) ws.close(1012, 'server restarting');
      await new Promise<void>((resolve) => trpcWss.close(() => resolve()));
    },
  };
}
