import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { bearerToken } from '../../auth/authenticate';
import { config } from '../../config';
import { logger } from '../../logger';
import type { SocketSessions } from '../../realtime/socket-sessions';
import { corkUntilNextTurn } from '../../realtime/socket-writes';
import {
  connectionLogFields,
  type GatewayOpening,
  GatewaySubscriber,
  GatewaySubscribers,
  openGateway,
  verifyMessagingToken,
} from './gateway-subscriber';

export type { GatewayOpening } from './gateway-subscriber';

const log = logger.child({ component: 'gateway' });

/** The token of an upgrade request: `?token=` (browsers cannot set headers) or a Bearer header. */
export function upgradeToken(req: IncomingMessage): string | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
}

const Frame = z.object({ event: z.string(), data: z.unknown().optional() });

function parseFrame(raw: string) {
  try {
    return Frame.safeParse(JSON.parse(raw));
  } catch {
    return Frame.safeParse(null);
  }
}

/** Sends one `{event, data}` frame; false when the socket could not take it. */
function send(ws: WebSocket, connectionLog: typeof log, event: string, data: unknown): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  // A client that stopped reading: drop it rather than buffer without bound.
  if (ws.bufferedAmount > config.WS_MAX_BUFFERED_BYTES) {
    connectionLog.warn('closing a /messages socket whose send buffer is full');
    ws.terminate();
    return false;
  }
  corkUntilNextTurn(ws);
  ws.send(JSON.stringify({ event, data }));
  return true;
}

/**
 * The widget gateway at /messages over a plain WebSocket: `{event, data}` frames (NestJS
 * ws-adapter format). What the events mean is gateway-subscriber.ts's.
 */
export class MessagesGateway {
  private readonly subscribers = new GatewaySubscribers();
  private readonly sockets = new Set<WebSocket>();
  private ping: NodeJS.Timeout | undefined;

  constructor(
    private readonly wss: WebSocketServer,
    private readonly sessions: SocketSessions,
  ) {}

  start() {
    this.subscribers.start();
    const alive = new WeakMap<WebSocket, boolean>();
    this.wss.on('connection', (ws: WebSocket, _req: IncomingMessage, opening: GatewayOpening) => {
      const connectionLog = log.child({
        requestId: randomUUID(),
        ...connectionLogFields(opening.verified.identity),
      });
      // The seed's protocol has no frame to renew a token: the socket ends with it.
      const session = this.sessions.open(ws, verifyMessagingToken, {
        graceMs: config.WS_AUTH_GRACE_MS,
        mayReplace: () => false,
      });
      session.adopt(opening.token, opening.verified);
      const push = (event: string, data: unknown) => send(ws, connectionLog, event, data);
      const subscriber = new GatewaySubscriber(session, push, connectionLog);
      const forget = this.subscribers.add(subscriber);
      connectionLog.info('gateway connection opened');
      ws.once('close', (code) => connectionLog.info({ code }, 'gateway connection closed'));
      this.sockets.add(ws);
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (raw) => {
        const frame = parseFrame(raw.toString());
        if (!frame.success) {
          push('error', { message: 'Frames are {"event": string, "data": object}' });
          return;
        }
        void subscriber.handle(frame.data.event, frame.data.data).then((reply) => {
          if (reply) push(...reply);
        });
      });
      ws.on('close', () => {
        forget();
        this.sockets.delete(ws);
      });
      ws.on('error', () => ws.terminate());
    });
    this.ping = setInterval(() => {
      for (const ws of this.sockets) {
        if (alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        ws.ping();
      }
    }, config.WS_PING_INTERVAL_MS);
    this.ping.unref();
  }

  /** Authenticates an upgrade; null means refuse it (401). */
  static authenticate(req: IncomingMessage): Promise<GatewayOpening | null> {
    return openGateway(upgradeToken(req));
  }

  /** Stops fanning out; the sockets are closed by their server (ws-server.ts). */
  stop() {
    this.subscribers.stop();
    clearInterval(this.ping);
  }
}
