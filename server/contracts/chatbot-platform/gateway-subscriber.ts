import { z } from 'zod';
import { DELIVERY_STATUSES } from '../../../shared/enums';
import { authenticateMessaging } from '../../auth/messaging';
import type { MessagingCaller } from '../../auth/messaging-caller';
import { verifiedExpiry, verifyAccessToken } from '../../auth/tokens';
import { AppError } from '../../errors';
import type { logger } from '../../logger';
import type { HubEvent } from '../../realtime/event-reads';
import { hub } from '../../realtime/hub';
import type { SocketIdentity, SocketSession } from '../../realtime/socket-sessions';
import { loadConversation } from '../../services/conversations/access';
import { platformStatus } from '../../services/conversations/status';
import { assertCallerOwns } from '../../services/messages/caller-access';
import { markConversationRead, markDelivered } from '../../services/messages/status';
import { presentMessage, presentStatusChange } from './present';

/*
 * What seed 001's gateway means whatever carries it (a plain WebSocket in gateway.ts, a
 * socket.io namespace in socketio-gateway.ts): who a token stands for, which conversations a
 * connection may follow, and the frames a hub event becomes.
 */

const ConversationRef = z.object({ conversationId: z.union([z.string(), z.number()]) });
const ReadRef = z.object({
  conversationId: z.union([z.string(), z.number()]),
  messageId: z.string().optional(),
});

/** An event to push: its name and data (`{event, data}` on a plain socket). */
export type GatewayFrame = [event: string, data: unknown];

/**
 * Who a /messages token stands for and what can end it: an agent's user or login, a widget's
 * chatbot (deleted, moved, or its widget sessions cut off).
 */
export async function verifyMessagingToken(
  token: string,
): Promise<SocketIdentity<MessagingCaller>> {
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

/** A connection that authenticated: its token and who it is. */
export interface GatewayOpening {
  token: string;
  verified: SocketIdentity<MessagingCaller>;
}

/** Verifies a connection's token; null means refuse it (401). */
export async function openGateway(token: string | undefined): Promise<GatewayOpening | null> {
  if (!token) return null;
  return verifyMessagingToken(token).then(
    (verified) => ({ token, verified }),
    () => null,
  );
}

/** The fields a connection's log lines carry. */
export function connectionLogFields(caller: MessagingCaller) {
  return caller.kind === 'agent'
    ? { userId: caller.actor.userId }
    : { chatbotId: caller.chatbotId, visitor: caller.externalUserId };
}

const CONVERSATION_STATUSES = ['active', 'paused', 'ended'] as const;

/** A typing frame: seed 001's `isTyping`, and the agent's name when an agent types. */
function typingFrame(payload: HubEvent['payload']): [string, unknown] {
  const name = payload.origin === 'operator' ? payload.name : undefined;
  return [
    'typing',
    { isTyping: payload.isTyping === true, ...(typeof name === 'string' ? { name } : {}) },
  ];
}

/**
 * Seed 001's server → client frames for one event, or nothing. Beyond the seed's three frames,
 * `conversation:status` ({conversationId, status} in seed 000's ACTIVE/PAUSED/CLOSED) tells a
 * visitor that the chat ended (or was reopened): seed 001 has no frame for it, and a client
 * that knows only the seed's frames ignores one it does not know.
 */
export function framesFor(e: HubEvent, conversationUuid: string): [string, unknown][] {
  if (e.type === 'message:created' && e.message)
    return [['message', presentMessage(e.message, conversationUuid)]];
  if (e.type === 'message:status' && e.message) {
    const status = DELIVERY_STATUSES.find((s) => s === e.payload.status);
    const change = status && presentStatusChange(e.message, status);
    return change ? [['message:status', change]] : [];
  }
  if (e.type === 'typing') return [typingFrame(e.payload)];
  if (e.type === 'conversation:ended' || e.type === 'conversation:status') {
    const status = CONVERSATION_STATUSES.find((s) => s === e.payload.status);
    return status
      ? [
          [
            'conversation:status',
            { conversationId: conversationUuid, status: platformStatus(status) },
          ],
        ]
      : [];
  }
  return [];
}

/**
 * One connection's conversations. The transport hands it the client's events and a way to
 * push; it answers them, follows its session (a new role drops what is no longer allowed) and
 * turns hub events into frames. Bot and agent messages pushed to a widget become delivered.
 */
export class GatewaySubscriber {
  /** conversation id → uuid */
  private readonly subscriptions = new Map<number, string>();
  /** Told when this connection starts or stops following a conversation (the hub's index). */
  onFollow: (conversationId: number, following: boolean) => void = () => {};

  constructor(
    /** Who is connected; its identity is null once the token expired or the login ended. */
    readonly session: SocketSession<MessagingCaller>,
    /** Pushes one frame; false when the connection could not take it. */
    private readonly push: (event: string, data: unknown) => boolean,
    private readonly log: typeof logger,
  ) {
    session.onChange(() => void this.keepAllowedSubscriptions());
  }

  /** Answers one client event: the frame to send back (`subscribed`, `error`…), if any. */
  async handle(event: string, data: unknown): Promise<GatewayFrame | undefined> {
    const caller = this.session.identity;
    if (!caller) return undefined; // ended: the connection is closing
    try {
      if (event === 'subscribe') return await this.subscribe(caller, ConversationRef.parse(data));
      if (event === 'unsubscribe') return this.unsubscribe(ConversationRef.parse(data));
      if (event === 'read') {
        await markConversationRead(caller, ReadRef.parse(data));
        return undefined;
      }
      return ['error', { message: `Unknown event ${event}` }];
    } catch (err) {
      if (!(err instanceof AppError) && !(err instanceof z.ZodError)) {
        this.log.error({ err }, 'gateway frame failed');
      }
      const message = err instanceof AppError ? err.message : 'Invalid request';
      return ['error', { event, message }];
    }
  }

  /** Pushes what `e` means to this connection, when it follows the conversation. */
  deliver(e: HubEvent): void {
    const caller = this.session.identity;
    if (e.conversationId === null || !caller || caller.workspaceId !== e.workspaceId) return;
    const uuid = this.subscriptions.get(e.conversationId);
    if (!uuid) return;
    let pushed = false;
    for (const [event, data] of framesFor(e, uuid)) pushed = this.push(event, data) || pushed;
    const m = e.message;
    if (
      pushed &&
      caller.kind === 'widget' &&
      e.type === 'message:created' &&
      m?.direction === 'outbound'
    ) {
      markDelivered(m.id, (err) => this.log.error({ err }, 'delivered update failed'));
    }
  }

  private async subscribe(
    caller: MessagingCaller,
    ref: z.infer<typeof ConversationRef>,
  ): Promise<GatewayFrame> {
    const c = await loadConversation(caller, ref.conversationId);
    assertCallerOwns(caller, c);
    this.subscriptions.set(c.id, c.uuid);
    this.onFollow(c.id, true);
    return ['subscribed', { conversationId: c.uuid }];
  }

  private unsubscribe(ref: z.infer<typeof ConversationRef>): GatewayFrame {
    for (const [id, uuid] of this.subscriptions) {
      if (uuid === ref.conversationId || id === Number(ref.conversationId)) {
        this.subscriptions.delete(id);
        this.onFollow(id, false);
      }
    }
    return ['unsubscribed', { conversationId: ref.conversationId }];
  }

  /** The conversations this connection follows. */
  following(): number[] {
    return [...this.subscriptions.keys()];
  }

  /** After an identity change (an agent's new role): drop the conversations no longer allowed. */
  private async keepAllowedSubscriptions() {
    for (const [id, uuid] of this.subscriptions) {
      const caller = this.session.identity;
      if (!caller) return;
      try {
        assertCallerOwns(caller, await loadConversation(caller, id));
      } catch (err) {
        if (!(err instanceof AppError)) {
          this.log.error({ err }, 'gateway subscription check failed');
          continue;
        }
        this.subscriptions.delete(id);
        this.onFollow(id, false);
        this.push('unsubscribed', { conversationId: uuid });
      }
    }
  }
}

/**
 * The connections of one transport, fed by the hub while started. Each event goes only to the
 * connections that follow its conversation (an index kept as they subscribe), not through every
 * connection: hundreds of widget sockets each follow one conversation, and every message makes
 * several events (issue 19: events fanned out once).
 */
export class GatewaySubscribers {
  private readonly byConversation = new Map<number, Set<GatewaySubscriber>>();
  private unsubscribe: (() => void) | undefined;

  start(): void {
    this.unsubscribe = hub.subscribe((e) => {
      if (e.conversationId === null) return;
      const followers = this.byConversation.get(e.conversationId);
      if (followers) for (const subscriber of followers) subscriber.deliver(e);
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  add(subscriber: GatewaySubscriber): () => void {
    subscriber.onFollow = (id, following) => {
      const followers = this.byConversation.get(id);
      if (following) {
        if (followers) followers.add(subscriber);
        else this.byConversation.set(id, new Set([subscriber]));
      } else if (followers?.delete(subscriber) && followers.size === 0) {
        this.byConversation.delete(id);
      }
    };
    return () => {
      for (const id of subscriber.following()) subscriber.onFollow(id, false);
      subscriber.onFollow = () => {};
    };
  }
}
