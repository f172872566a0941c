import { randomUUID } from 'node:crypto';
import type { ExtendedError, Namespace, Socket } from 'socket.io';
import { bearerToken } from '../../auth/authenticate';
import { config } from '../../config';
import { logger } from '../../logger';
import type { SessionSocket, SocketSessions } from '../../realtime/socket-sessions';
import {
  connectionLogFields,
  type GatewayOpening,
  GatewaySubscriber,
  GatewaySubscribers,
  openGateway,
  verifyMessagingToken,
} from './gateway-subscriber';

const log = logger.child({ component: 'gateway', transport: 'socket.io' });

/** How long a closing server waits for its socket.io clients to go. */
const CLOSE_WAIT_MS = 300;

/** The handshake's token: `auth.token` (socket.io-client's `auth` option), `?token=` or Bearer. */
function handshakeToken(socket: Socket): string | undefined {
  const { auth, query, headers } = socket.handshake;
  if (typeof auth.token === 'string') return auth.token;
  if (typeof query.token === 'string') return query.token;
  return bearerToken(headers.authorization);
}

/** A refused handshake: the client's `connect_error`, with the REST error body as its `data`. */
function unauthorized(): ExtendedError {
  const err: ExtendedError = new Error('Unauthorized');
  err.data = { statusCode: 401, message: 'Unauthorized', error: 'Unauthorized' };
  return err;
}

/**
 * A socket.io socket as a session sees one. When the session ends (the WebSocket's 4401) the
 * client gets an `error {message}` with the reason, then a server-side disconnect, which
 * socket.io-client does not retry by itself: it needs a new token, as on the plain socket.
 */
function asSessionSocket(socket: Socket): SessionSocket {
  return {
    get readyState() {
      return socket.disconnected ? 3 : 1;
    },
    CLOSED: 3,
    close(_code, reason) {
      socket.emit('error', { message: reason });
      socket.disconnect(true);
    },
    terminate: () => socket.conn.close(),
    once: (_event, listener) => socket.once('disconnect', () => listener()),
  };
}

/**
 * Seed 001's gateway for socket.io clients: the `/messages` namespace, the same events and
 * payloads as the plain socket (gateway.ts), as socket.io events. A handler's reply
 * (`subscribed`, `unsubscribed`, `error`) is emitted as an event and, when the client asked for
 * an acknowledgement, also handed to it as `{event, data}`.
 */
export class SocketIoMessagesGateway {
  private readonly subscribers = new GatewaySubscribers();
  private readonly openings = new WeakMap<Socket, GatewayOpening>();

  constructor(
    private readonly nsp: Namespace,
    private readonly sessions: SocketSessions,
  ) {}

  start(): void {
    this.subscribers.start();
    this.nsp.use((socket, next) => {
      void openGateway(handshakeToken(socket)).then((opening) => {
        if (!opening) return next(unauthorized());
        this.openings.set(socket, opening);
        next();
      });
    });
    this.nsp.on('connection', (socket) => this.connected(socket));
  }

  /** Open sockets (for /healthz and tests). */
  get size(): number {
    return this.nsp.sockets.size;
  }

  /**
   * Stops fanning out and closes every connection underneath its socket (the WebSocket's 1012):
   * socket.io-client sees a lost transport and reconnects by itself.
   */
  async close(): Promise<void> {
    this.subscribers.stop();
    const sockets = [...this.nsp.sockets.values()];
    const gone = sockets.map(
      (socket) => new Promise<void>((resolve) => socket.once('disconnect', () => resolve())),
    );
    for (const socket of sockets) socket.conn.close();
    const cutOff = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref());
    await Promise.race([Promise.all(gone), cutOff]);
  }

  private connected(socket: Socket) {
    const opening = this.openings.get(socket);
    if (!opening) return void socket.disconnect(true);
    const connectionLog = log.child({
      requestId: randomUUID(),
      ...connectionLogFields(opening.verified.identity),
    });
    const session = this.sessions.open(asSessionSocket(socket), verifyMessagingToken, {
      graceMs: config.WS_AUTH_GRACE_MS,
      mayReplace: () => false,
    });
    session.adopt(opening.token, opening.verified);
    const push = (event: string, data: unknown) => {
      if (socket.disconnected) return false;
      socket.emit(event, data);
      return true;
    };
    const subscriber = new GatewaySubscriber(session, push, connectionLog);
    const forget = this.subscribers.add(subscriber);
    connectionLog.info('gateway connection opened');
    socket.on('disconnect', (reason) => {
      forget();
      connectionLog.info({ reason }, 'gateway connection closed');
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as (reply?: unknown) => void) : undefined;
      const data = ack && args.length === 1 ? undefined : args[0];
      void subscriber.handle(event, data).then((reply) => {
        if (reply) push(...reply);
        ack?.(reply && { event: reply[0], data: reply[1] });
      });
    });
  }
}
