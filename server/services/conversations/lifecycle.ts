import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ConversationStatus } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db, type Tx } from '../../db/client';
import { type Conversation, chatbots, conversations, users } from '../../db/schema';
import { AppError, isUniqueViolation, notFound } from '../../errors';
import { requestAssignment } from '../assignment/trigger';
import { appendEvent } from '../events';
import { parseRef } from '../ids';
import { saveConversation, withConversation, withConversationIn } from './assignment-actions';
import { joinConversation } from './participants';
import { parsePlatformStatus } from './status';

export const TakeoverInput = z.object({
  operatorId: z
    .union([z.string(), z.number().int()], { error: 'operatorId must be a uuid' })
    .optional(),
});

async function findOperator(tx: Tx, actor: Actor, raw: string | number | undefined) {
  if (raw === undefined) return actor.userId;
  const ref = parseRef(raw, 'Operator');
  const [row] = await tx
    .select({ id: users.id, workspaceId: users.workspaceId })
    .from(users)
    .where('id' in ref ? eq(users.id, ref.id) : eq(users.uuid, ref.uuid));
  if (!row || row.workspaceId !== actor.workspaceId) throw notFound('Operator');
  return row.id;
}

async function statusEvent(tx: Tx, c: Conversation, status: ConversationStatus, actor: Actor) {
  await appendEvent(tx, {
    workspaceId: c.workspaceId,
    conversationId: c.id,
    type: status === 'ended' ? 'conversation:ended' : 'conversation:status',
    payload: { status, previous: c.status, by: actor.userId },
  });
}

function assertOpen(c: Conversation) {
  if (c.status === 'ended') throw new AppError('CONFLICT', 'Conversation has ended');
}

/** A human takes over: paused, assigned to the operator, the bot silent. */
export async function takeover(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof TakeoverInput>,
  outer: DbOrTx = db,
) {
  const { operatorId } = TakeoverInput.parse(input);
  return withConversationIn(outer, actor, ref, async (tx, c) => {
    assertOpen(c);
    const operator = await findOperator(tx, actor, operatorId);
    if (c.assignedUserId !== null && c.assignedUserId !== operator) {
      throw new AppError('CONFLICT', 'Conversation is already assigned to another user');
    }
    const row = await saveConversation(tx, c, {
      status: 'paused',
      assignedUserId: operator,
      assignedBotId: null,
    });
    await joinConversation(tx, c.workspaceId, c.id, operator);
    await statusEvent(tx, c, 'paused', actor);
    await appendEvent(tx, {
      workspaceId: c.workspaceId,
      conversationId: c.id,
      type: 'conversation:assigned',
      payload: { assignedUserId: operator, previousUserId: c.assignedUserId, by: actor.userId },
    });
    return row;
  });
}

/**
 * Whether the conversation's chatbot still exists and answers it: with AI, or through a flow
 * (issue 21: the conversation is on a flow version, or the chatbot has one published), the rule
 * of bot_answers (server/db/functions). Released, a conversation on a flow resumes at its node
 * (current_node_id, kept through the takeover) with the customer's next message, since the
 * bot's turn simply continues from there (release only marks the messages said meanwhile as
 * read by the flow).
 */
async function aiOn(tx: Tx, c: Conversation): Promise<boolean> {
  if (c.chatbotId === null) return false;
  const [bot] = await tx
    .select({
      aiEnabled: chatbots.aiEnabled,
      flowPublished: sql<boolean>`exists (select 1 from flows f where f.chatbot_id = ${chatbots.id}
        and f.published_version_id is not null)`,
    })
    .from(chatbots)
    .where(eq(chatbots.id, c.chatbotId));
  if (!bot) return false;
  return bot.aiEnabled || c.flowVersionId !== null || bot.flowPublished;
}

/** Hands the conversation back to its bot: active, unassigned, the bot answers again. */
export async function release(actor: Actor, ref: string | number) {
  return withConversation(actor, ref, async (tx, c) => {
    assertOpen(c);
    const row = await saveConversation(tx, c, {
      status: 'active',
      assignedUserId: null,
      assignedBotId: (await aiOn(tx, c)) ? c.chatbotId : null,
      handoffAt: null,
      handoffReason: null,
      // A flow resumes with the customer's next message: what they said to the human meanwhile
      // is not an answer to the flow's question (the step reads messages after lastMessageId).
      ...(c.flowVersionId !== null
        ? {
            flowState: sql`coalesce(${conversations.flowState}, '{}'::jsonb) || jsonb_build_object(
              'lastMessageId', (select max(m.id) from messages m where m.conversation_id = ${c.id}))`,
          }
        : {}),
    });
    await statusEvent(tx, c, 'active', actor);
    if (c.assignedUserId !== null) {
      await appendEvent(tx, {
        workspaceId: c.workspaceId,
        conversationId: c.id,
        type: 'conversation:assigned',
        payload: { assignedUserId: null, previousUserId: c.assignedUserId, by: actor.userId },
      });
    }
    return row;
  });
}

/** Ends the conversation; the customer's next message opens a new one. Ending twice is a no-op. */
export async function endConversation(actor: Actor, ref: string | number, outer: DbOrTx = db) {
  return withConversationIn(outer, actor, ref, async (tx, c) => {
    if (c.status === 'ended') return c;
    // An ended conversation is snoozed no more (the Ended views would hide it otherwise).
    const row = await saveConversation(tx, c, {
      status: 'ended',
      endedAt: sql`now()`,
      snoozedUntil: null,
    });
    await statusEvent(tx, c, 'ended', actor);
    // The assignee has capacity again.
    if (c.assignedUserId !== null) await requestAssignment(tx, c.workspaceId);
    return row;
  });
}

/**
 * Reopens an ended conversation for the agent who reopens it: paused (the bot stays silent) and
 * assigned to them, as a takeover leaves it. The customer's own next message into an ended one
 * still opens a new conversation (accept_message); reopening is the agent's choice to go on here.
 */
export async function reopen(actor: Actor, ref: string | number) {
  return withConversation(actor, ref, async (tx, c) => {
    if (c.status !== 'ended') {
      throw new AppError('CONFLICT', 'Only an ended conversation can be reopened');
    }
    const values = {
      status: 'paused' as const,
      endedAt: null,
      assignedUserId: actor.userId,
      assignedBotId: null,
      snoozedUntil: null,
    };
    let row: Conversation;
    try {
      row = await tx.transaction((sp) => saveConversation(sp, c, values));
    } catch (err) {
      if (isUniqueViolation(err, 'conversations_one_open_per_user')) {
        throw new AppError(
          'CONFLICT',
          'This customer already has another open conversation; continue in that one',
        );
      }
      throw err;
    }
    await joinConversation(tx, c.workspaceId, c.id, actor.userId);
    await appendEvent(tx, {
      workspaceId: c.workspaceId,
      conversationId: c.id,
      type: 'conversation:status',
      payload: { status: 'paused', previous: 'ended', by: actor.userId, reason: 'reopened' },
    });
    if (c.assignedUserId !== actor.userId) {
      await appendEvent(tx, {
        workspaceId: c.workspaceId,
        conversationId: c.id,
        type: 'conversation:assigned',
        payload: {
          assignedUserId: actor.userId,
          previousUserId: c.assignedUserId,
          by: actor.userId,
        },
      });
    }
    return row;
  });
}

/**
 * Sets the status, named as the chatbot platform names it. Re-opening an ended conversation
 * while the customer already has a newer open one is refused (409): one open conversation per
 * user and channel.
 */
export async function updateStatus(actor: Actor, ref: string | number, body: { status?: unknown }) {
  if (body.status === undefined) {
    return withConversation(actor, ref, async (_tx, c) => c);
  }
  const status = parsePlatformStatus(body.status);
  if (status === 'ended') return endConversation(actor, ref);
  return withConversation(actor, ref, async (tx, c) => {
    if (c.status === status) return c;
    // As release does: the bot answers again only if nobody is assigned and its AI is on.
    const botBack = status === 'active' && c.assignedUserId === null && (await aiOn(tx, c));
    const values = { status, endedAt: null, assignedBotId: botBack ? c.chatbotId : null };
    try {
      const row = await tx.transaction((sp) => saveConversation(sp, c, values));
      await statusEvent(tx, c, status, actor);
      return row;
    } catch (err) {
      if (isUniqueViolation(err, 'conversations_one_open_per_user')) {
        throw new AppError('CONFLICT', 'This customer already has another open conversation');
      }
      throw err;
    }
  });
}

/** Deletes the conversation and its messages, variables and participants. */
export async function deleteConversation(actor: Actor, ref: string | number) {
  return withConversation(actor, ref, async (tx, c) => {
    await tx.delete(conversations).where(eq(conversations.id, c.id));
    await appendEvent(tx, {
      workspaceId: c.workspaceId,
      conversationId: c.id,
      type: 'conversation:deleted',
      payload: { by: actor.userId },
    });
  });
}
