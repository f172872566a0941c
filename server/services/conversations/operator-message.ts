import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Channel, MESSAGE_TYPES, WHATSAPP_CHANNELS } from '../../../shared/enums';
import { storable, unstorable } from '../../../shared/storable-text';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db, type Tx } from '../../db/client';
import { type Conversation, type Message, users } from '../../db/schema';
import { AppError } from '../../errors';
import { conversationQueue, enqueueJob } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { appendEvent } from '../events';
import { claimAttachment, linkAttachment, mediaContent } from '../files/attachments';
import type { IdempotencyKey } from '../idempotency';
import { insertMessage } from '../messages/create';
import { assertAccess, loadConversation } from './access';
import { saveConversation } from './assignment-actions';
import { joinConversation, markParticipantRead } from './participants';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const OperatorMessageInput = z
  .object({
    type: z
      .enum(MESSAGE_TYPES, {
        error: `type must be one of the following values: ${MESSAGE_TYPES.join(', ')}`,
      })
      .default('text'),
    content: z
      .record(z.string(), z.unknown(), { error: 'content must be an object' })
      .refine(storable, unstorable('content')),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'text') {
      const text = v.content.text;
      if (typeof text !== 'string' || text.trim() === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['content', 'text'],
          message: 'content.text should not be empty',
        });
      } else if (text.length > 4096) {
        ctx.addIssue({
          code: 'custom',
          path: ['content', 'text'],
          message: 'content.text must be shorter than or equal to 4096 characters',
        });
      }
    }
    if (v.type === 'media') {
      const { attachmentId, caption } = v.content;
      if (typeof attachmentId !== 'string' || !UUID.test(attachmentId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['content', 'attachmentId'],
          message: 'content.attachmentId must be the id of an uploaded file (POST /console/files)',
        });
      }
      if (caption !== undefined && (typeof caption !== 'string' || caption.length > 1024)) {
        ctx.addIssue({
          code: 'custom',
          path: ['content', 'caption'],
          message: 'content.caption must be a string shorter than or equal to 1024 characters',
        });
      }
    }
  });

export type OperatorMessage = z.output<typeof OperatorMessageInput>;

const isWhatsApp = (channel: Channel | null) =>
  channel !== null && WHATSAPP_CHANNELS.includes(channel);

/**
 * Idempotency keys of operator messages: one key space per operator, whichever surface sent the
 * message, and the same key on another conversation is another request (422).
 */
export function operatorMessageKey(actor: Actor, key: string | undefined): IdempotencyKey {
  return { workspaceId: actor.workspaceId, scope: `operator-message:user:${actor.userId}`, key };
}

/**
 * An operator's manual message, enqueued for outbound sending in the same transaction (a
 * savepoint inside the caller's). Replying to a conversation the bot is handling takes it over,
 * so bot and human never talk at once. On WhatsApp, a free-form message outside the 24-hour
 * window is refused (templates pass).
 */
export function sendOperatorMessage(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof OperatorMessageInput>,
  tx: DbOrTx = db,
): Promise<Message> {
  const data = OperatorMessageInput.parse(input);
  return tx.transaction(async (t) => {
    const c = await loadConversation(actor, ref, t, { forUpdate: true });
    assertAccess(actor, c);
    return post(actor, c, data, t);
  });
}

/**
 * Who wrote an operator message, kept in its metadata as it was when written: the console's
 * thread and seed 001 (whose `metadata` is where the widget reads it) name the agent, and a
 * later rename or a deleted account does not rewrite who said what.
 */
export interface MessageSender {
  id: string;
  name: string;
}

async function senderOf(actor: Actor, tx: Tx): Promise<MessageSender> {
  const [u] = await tx
    .select({ id: users.uuid, name: users.name })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
  if (!u) throw new AppError('UNAUTHORIZED', 'Your account no longer exists');
  return u;
}

async function post(actor: Actor, c: Conversation, data: OperatorMessage, tx: Tx) {
  if (c.status === 'ended') throw new AppError('CONFLICT', 'Conversation has ended');
  const windowClosed = !c.cswExpiresAt || c.cswExpiresAt.getTime() <= Date.now();
  if (isWhatsApp(c.channel) && data.type !== 'template' && windowClosed) {
    throw new AppError(
      'UNPROCESSABLE',
      'The WhatsApp 24-hour customer service window is closed; only a template message can be sent',
    );
  }
  const attachment =
    data.type === 'media' ? await claimAttachment(tx, c, String(data.content.attachmentId)) : null;
  if (c.assignedBotId !== null || c.assignedUserId === null) {
    const assignee = c.assignedUserId ?? actor.userId;
    await saveConversation(tx, c, {
      status: 'paused',
      assignedBotId: null,
      assignedUserId: assignee,
    });
    await appendEvent(tx, {
      workspaceId: c.workspaceId,
      conversationId: c.id,
      type: 'conversation:status',
      payload: { status: 'paused', previous: c.status, by: actor.userId },
    });
    if (assignee !== c.assignedUserId) {
      await appendEvent(tx, {
        workspaceId: c.workspaceId,
        conversationId: c.id,
        type: 'conversation:assigned',
        payload: { assignedUserId: assignee, previousUserId: null, by: actor.userId },
      });
    }
  }
  const message = await insertMessage(tx, c, {
    direction: 'outbound',
    origin: 'operator',
    type: data.type,
    content: attachment ? mediaContent(attachment, data.content.caption) : data.content,
    metadata: { sender: await senderOf(actor, tx) },
    senderUserId: actor.userId,
  });
  if (attachment) await linkAttachment(tx, attachment, message.id);
  await joinConversation(tx, c.workspaceId, c.id, actor.userId);
  await markParticipantRead(tx, c.id, actor.userId);
  await enqueueJob(
    tx,
    tasks.outgoingMessage.name,
    { messageId: message.id },
    { queueName: conversationQueue(c.id) },
  );
  return message;
}
