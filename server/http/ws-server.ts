import type { IncomingMessage, Server } from 'node:http';
import { getWSConnectionHandler, type WSSHandlerOptions } from '@trpc/server/adapters/ws';
import { Server as SocketIoServer } from 'socket.io';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AuthenticatedSession, authenticate, invalidationKeys } from '../auth/authenticate';
import { config } from '../config';
import { MessagesGateway, SocketIoMessagesGateway } from '../contracts/chatbot-platform';
import { logger } from '../logger';
import { consoleConnections } from '../realtime/console-connections';
import { type SocketSession, SocketSessions } from '../realtime/socket-sessions';
import { sendPerTurn } from '../realtime/socket-writes';
import { createSocketContext } from '../trpc/context';
import { appRouter } from '../trpc/root';
import { checkedEncoder } from './trpc-frames';

export interface SocketServers {
  /** Open sockets per endpoint (for /healthz and tests); `messages` counts both transports. */
  counts(): { trpc: number; messages: number };
  /**
   * Closes every socket with 1012 (tRPC clients are told to reconnect first) and resolves once
   * they are gone: a peer that does not answer the close frame in time is cut off.
   */
  close(): Promise<void>;
}

/** A frame may be as large as an HTTP body (ws closes the socket with 1009 past it). */
const MAX_PAYLOAD = config.HTTP_BODY_LIMIT_BYTES;
/** How long a closing server waits for peers to answer its close frame. */
const CLOSE_WAIT_MS = 300;

function refuse(socket: NodeJS.WritableStream & { destroy(): void }, status: string) {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

async function verifyConsoleToken(token: string) {
  const auth = await authenticate(token);
  return { identity: auth, keys: invalidationKeys(auth), expiresAt: auth.expiresAt };
}

/** Closes a server's sockets with `code`, waits a moment for them, then cuts off the rest. */
async function closeEvery(wss: WebSocketServer, code: number, reason: string): Promise<void> {
  const gone = [...wss.clients].map(
    (ws) =>
      new Promise<void>((resolve) => {
        if (ws.readyState === ws.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close(code, reason);
      }),
  );
  const cutOff = setTimeout(() => {
    for (const ws of wss.clients) ws.terminate();
  }, CLOSE_WAIT_MS);
  await Promise.all(gone);
  clearTimeout(cutOff);
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}

/** Where engine.io serves socket.io clients (HTTP long-polling and WebSocket upgrades). */
const SOCKET_IO_PATH = '/socket.io';

/**
 * WebSocket endpoints on the HTTP server's upgrade: tRPC subscriptions at /trpc and the widget
 * gateway at /messages (authenticated on the upgrade request itself), and the same gateway as
 * the socket.io namespace /messages under /socket.io/ (engine.io answers those requests and
 * upgrades itself: it wraps the server's request listeners, so express never sees them). Every socket's identity
 * is watched (realtime/socket-sessions.ts): it follows role changes and ends with its login or token.
 */
export function attachWebSockets(server: Server): SocketServers {
  const sessions = new SocketSessions();
  sessions.start();
  const trpcWss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const consoleSessions = new WeakMap<WebSocket, SocketSession<AuthenticatedSession>>();
  const consoleSession = (ws: WebSocket) => {
    let session = consoleSessions.get(ws);
    if (!session) {
      const opened = sessions.open(ws, verifyConsoleToken, {
        graceMs: config.WS_AUTH_GRACE_MS,
        mayReplace: (now, next) => now.actor.userId === next.actor.userId,
      });
      opened.onChange(() => {
        const identity = opened.identity;
        if (identity) consoleConnections.track(ws, identity.actor.userId);
      });
      consoleSessions.set(ws, opened);
      session = opened;
    }
    return session;
  };
  // Before tRPC's own listener: the grace period starts when the socket opens. The frames of one
  // event-loop turn leave in one write (socket-writes.ts).
  trpcWss.on('connection', (ws: WebSocket) => {
    consoleSession(ws);
    sendPerTurn(ws);
  });
  const trpcOptions: WSSHandlerOptions<typeof appRouter> = {
    wss: trpcWss,
    router: appRouter,
    createContext: (opts) => createSocketContext(opts, consoleSession(opts.res)),
    keepAlive: { enabled: true, pingMs: config.WS_PING_INTERVAL_MS, pongWaitMs: 10_000 },
    onError: ({ error, path }) => {
      // ws refused a frame of the peer's (not UTF-8, past maxPayload) and closes the socket
      // with 1007 / 1009: the client's fault, not ours.
      const wsCode = (error.cause as { code?: unknown } | undefined)?.code;
      if (typeof wsCode === 'string' && wsCode.startsWith('WS_ERR_')) {
        logger.info({ code: wsCode }, 'trpc socket closed on a malformed frame');
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error({ err: error.cause ?? error, path }, 'trpc ws error');
      }
    },
  };
  // tRPC's applyWSSHandler, with an encoder per socket that checks each frame as HTTP bodies are
  // checked and answers a refused one on that socket (trpc-frames.ts).
  trpcWss.on('connection', (ws: WebSocket, req: IncomingMessage) =>
    getWSConnectionHandler({ ...trpcOptions, experimental_encoder: checkedEncoder(ws, appRouter) })(
      ws,
      req,
    ),
  );
  /** tRPC's notification that tells its clients to reconnect. */
  const broadcastReconnectNotification = () => {
    const notification = JSON.stringify({ id: null, method: 'reconnect' });
    for (const ws of trpcWss.clients) if (ws.readyState === ws.OPEN) ws.send(notification);
  };
  // tRPC writes to its sockets itself: sweep them for clients that stopped reading.
  const sweep = setInterval(() => {
    for (const ws of trpcWss.clients) {
      if (ws.bufferedAmount > config.WS_MAX_BUFFERED_BYTES) ws.terminate();
    }
  }, 1_000);
  sweep.unref();
  const gatewayWss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const gateway = new MessagesGateway(gatewayWss, sessions);
  gateway.start();
  consoleConnections.start();

  let closing: Promise<void> | undefined;
  const io = new SocketIoServer(server, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    // Auth is a token in the handshake, never a cookie (as the widget's REST endpoints).
    cors: { origin: '*' },
    maxHttpBufferSize: MAX_PAYLOAD,
    pingInterval: config.WS_PING_INTERVAL_MS,
    // The other upgrades are ours (below): engine.io must not end them while they authenticate.
    destroyUpgrade: false,
    // A closing server refuses new handshakes; socket.io-client retries them with backoff.
    allowRequest: (_req, answer) => answer(closing ? 'Server restarting' : null, !closing),
  });
  const socketIoGateway = new SocketIoMessagesGateway(io.of('/messages'), sessions);
  socketIoGateway.start();
  server.on('upgrade', (req, socket, head) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname.startsWith(`${SOCKET_IO_PATH}/`)) return; // engine.io's
    if (closing) return refuse(socket, '503 Service Unavailable');
    if (pathname === '/trpc') {
      trpcWss.handleUpgrade(req, socket, head, (ws) => trpcWss.emit('connection', ws, req));
    } else if (pathname === '/messages') {
      void MessagesGateway.authenticate(req).then((opened) => {
        if (!opened || closing)
          return refuse(socket, opened ? '503 Service Unavailable' : '401 Unauthorized');
        gatewayWss.handleUpgrade(req, socket, head, (ws) =>
          gatewayWss.emit('connection', ws, req, opened),
        );
      });
    } else {
      refuse(socket, '404 Not Found');
    }
  });

  return {
    counts: () => ({
      trpc: trpcWss.clients.size,
      messages: gatewayWss.clients.size + socketIoGateway.size,
    }),
    close() {
      closing ??= (async () => {
        clearInterval(sweep);
        sessions.stop();
        gateway.stop();
        consoleConnections.stop();
        // Reconnect (to another process, or to this one after a restart): tRPC clients act on
        // the notification, plain clients on the close code.
        broadcastReconnectNotification();
        await Promise.all([
          closeEvery(trpcWss, 1012, 'server restarting'),
          closeEvery(gatewayWss, 1012, 'server restarting'),
          socketIoGateway.close(),
        ]);
        // Not io.close(): it would close the HTTP server too, which main.ts closes in order.
        io.engine.close();
      })();
      return closing;
    },
  };
}
