import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { bearerToken } from '../../auth/authenticate';
import { authenticateMessaging } from '../../auth/messaging';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { verifiedExpiry, verifyAccessToken } from '../../auth/tokens';
import { config } from '../../config';
import { AppError } from '../../errors';
import { logger } from '../../logger';
import type { HubEvent } from '../../realtime/event-reads';
import { hub } from '../../realtime/hub';
import type { SocketIdentity, SocketSession, SocketSessions } from '../../realtime/socket-sessions';
import { loadConversation } from '../../services/conversations/access';
import { assertCallerOwns } from '../../services/messages/caller-access';
import { advanceDeliveryStatus, markConversationRead } from '../../services/messages/status';
import { framesFor } from './gateway-subscriber';

const log = logger.child({ component: 'gateway' });

/** The token of an upgrade request: `?token=` (browsers cannot set headers) or a Bearer header. */
export function upgradeToken(req: IncomingMessage): string | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
}

const Frame = z.object({ event: z.string(), data: z.unknown().optional() });
const ConversationRef = z.object({ conversationId: z.union([z.string(), z.number()]) });
const ReadRef = z.object({
  conversationId: z.union([z.string(), z.number()]),
  messageId: z.string().optional(),
});

/**
 * Who a /messages token stands for and what can end it: an agent's user or login, a widget's
 * chatbot (deleted, moved, or its widget sessions cut off).
 */
async function verifyMessagingToken(token: string): Promise<SocketIdentity<MessagingCaller>> {
  const caller = await authenticateMessaging(token);
  const expiresAt = verifiedExpiry(token);
  if (caller.kind === 'widget') {
    return { identity: caller, keys: [`chatbot:${caller.chatbotId}`], expiresAt };
  }
  const { sessionId } = await verifyAccessToken(token);
  return {
    identity: caller,
    keys: [`user:${caller.actor.userId}`, `session:${sessionId}`],
    expiresAt,
  };
}

/** An upgrade request that authenticated: its token and who it is. */
export interface GatewayOpening {
  token: string;
  verified: SocketIdentity<MessagingCaller>;
}

interface Client {
  ws: WebSocket;
  /** Who is connected; its identity is null once the token expired or the login ended. */
  session: SocketSession<MessagingCaller>;
  /** This connection's logger, with its request id. */
  log: typeof log;
  /** conversation id → uuid */
  subscriptions: Map<number, string>;
}

function send(client: Client, event: string, data: unknown): boolean {
  const { ws } = client;
  if (ws.readyState !== ws.OPEN) return false;
  // A client that stopped reading: drop it rather than buffer without bound.
  if (ws.bufferedAmount > config.WS_MAX_BUFFERED_BYTES) {
    client.log.warn('closing a /messages socket whose send buffer is full');
    ws.terminate();
    return false;
  }
  ws.send(JSON.stringify({ event, data }));
  return true;
}

/**
 * The widget gateway at /messages: `{event, data}` frames (NestJS ws-adapter format). Clients
 * subscribe to conversations they own; bot and agent messages pushed to a widget become
 * delivered, and the widget's `read` frame marks them read.
 */
export class MessagesGateway {
  private clients = new Set<Client>();
  private unsubscribe: (() => void) | undefined;
  private ping: NodeJS.Timeout | undefined;

  constructor(
    private readonly wss: WebSocketServer,
    private readonly sessions: SocketSessions,
  ) {}

  start() {
    this.unsubscribe = hub.subscribe((e) => this.fanOut(e));
    const alive = new WeakMap<WebSocket, boolean>();
    this.wss.on('connection', (ws: WebSocket, _req: IncomingMessage, opening: GatewayOpening) => {
      const requestId = randomUUID();
      const caller = opening.verified.identity;
      const who =
        caller.kind === 'agent'
          ? { userId: caller.actor.userId }
          : { chatbotId: caller.chatbotId, visitor: caller.externalUserId };
      // The seed's protocol has no frame to renew a token: the socket ends with it.
      const session = this.sessions.open(ws, verifyMessagingToken, {
        graceMs: config.WS_AUTH_GRACE_MS,
        mayReplace: () => false,
      });
      session.adopt(opening.token, opening.verified);
      const client: Client = {
        ws,
        session,
        subscriptions: new Map(),
        log: log.child({ requestId, ...who }),
      };
      session.onChange(() => void this.keepAllowedSubscriptions(client));
      client.log.info('gateway connection opened');
      ws.once('close', (code) => client.log.info({ code }, 'gateway connection closed'));
      this.clients.add(client);
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', (raw) => void this.onFrame(client, raw.toString()));
      ws.on('close', () => this.clients.delete(client));
      ws.on('error', () => ws.terminate());
    });
    this.ping = setInterval(() => {
      for (const { ws } of this.clients) {
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
  static async authenticate(req: IncomingMessage): Promise<GatewayOpening | null> {
    const token = upgradeToken(req);
    if (!token) return null;
    return verifyMessagingToken(token).then(
      (verified) => ({ token, verified }),
      () => null,
    );
  }

  /** Stops fanning out; the sockets are closed by their server (ws-server.ts). */
  stop() {
    this.unsubscribe?.();
    clearInterval(this.ping);
  }

  private async onFrame(client: Client, raw: string) {
    const caller = client.session.identity;
    if (!caller) return; // ended: the socket is closing
    const frame = Frame.safeParse(
      (() => {
        try {
          return JSON.parse(raw);
        } catch {
          return null;
        }
      })(),
    );
    if (!frame.success)
      return void send(client, 'error', {
        message: 'Frames are {"event": string, "data": object}',
      });
    try {
      if (frame.data.event === 'subscribe')
        await this.subscribe(client, caller, ConversationRef.parse(frame.data.data));
      else if (frame.data.event === 'unsubscribe')
        this.unsubscribeFrom(client, ConversationRef.parse(frame.data.data));
      else if (frame.data.event === 'read')
        await markConversationRead(caller, ReadRef.parse(frame.data.data));
      else send(client, 'error', { message: `Unknown event ${frame.data.event}` });
    } catch (err) {
      if (!(err instanceof AppError) && !(err instanceof z.ZodError)) {
        client.log.error({ err }, 'gateway frame failed');
      }
      const message = err instanceof AppError ? err.message : 'Invalid request';
      send(client, 'error', { event: frame.data.event, message });
    }
  }

  private async subscribe(
    client: Client,
    caller: MessagingCaller,
    ref: z.infer<typeof ConversationRef>,
  ) {
    const c = await loadConversation(caller, ref.conversationId);
    assertCallerOwns(caller, c);
    client.subscriptions.set(c.id, c.uuid);
    send(client, 'subscribed', { conversationId: c.uuid });
  }

  /** After an identity change (an agent's new role): drop the conversations no longer allowed. */
  private async keepAllowedSubscriptions(client: Client) {
    for (const [id, uuid] of client.subscriptions) {
      const caller = client.session.identity;
      if (!caller) return;
      try {
        assertCallerOwns(caller, await loadConversation(caller, id));
      } catch (err) {
        if (!(err instanceof AppError)) {
          client.log.error({ err }, 'gateway subscription check failed');
          continue;
        }
        client.subscriptions.delete(id);
        send(client, 'unsubscribed', { conversationId: uuid });
      }
    }
  }

  private unsubscribeFrom(client: Client, ref: z.infer<typeof ConversationRef>) {
    for (const [id, uuid] of client.subscriptions) {
      if (uuid === ref.conversationId || id === Number(ref.conversationId))
        client.subscriptions.delete(id);
    }
    send(client, 'unsubscribed', { conversationId: ref.conversationId });
  }

  private fanOut(e: HubEvent) {
    if (e.conversationId === null) return;
    for (const client of this.clients) {
      const caller = client.session.identity;
      if (!caller || caller.workspaceId !== e.workspaceId) continue;
      const uuid = client.subscriptions.get(e.conversationId);
      if (!uuid) continue;
      let pushed = false;
      for (const [event, data] of framesFor(e, uuid)) pushed = send(client, event, data) || pushed;
      const m = e.message;
      if (
        pushed &&
        caller.kind === 'widget' &&
        e.type === 'message:created' &&
        m?.direction === 'outbound'
      ) {
        void advanceDeliveryStatus(m.id, { status: 'delivered' }).catch((err) =>
          log.error({ err }, 'delivered update failed'),
        );
      }
    }
  }
}
