import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { messageText } from '../../shared/message-text';
import type { Reply, ReplyRequest } from '../ai/responder';
import { toTurns } from '../ai/responder';
import { config } from '../config';
import { type DbOrTx, db, type Tx } from '../db/client';
import { preparedQuery } from '../db/prepared';
import {
  type Chatbot,
  type Conversation,
  chatbots,
  conversations,
  conversationVariables,
  type Message,
  messages,
  users,
} from '../db/schema';
import { conversationQueue } from '../queue/enqueue';
import { tasks } from '../queue/tasks';
import { requestAssignment } from './assignment/trigger';
import { upsertVariable } from './conversations/variables';
import { appendEvent } from './events';
import { insertMessage } from './messages/create';

export const FALLBACK_TEXT =
  "Sorry, I'm having trouble answering right now. A human agent will continue this conversation.";

/** The bot answers only an active conversation it is handling, with its AI on, and no human on it. */
export function botIsAnswering(c: Conversation, bot: Chatbot | null): bot is Chatbot {
  return (
    !!bot &&
    bot.aiEnabled &&
    c.status === 'active' &&
    c.assignedBotId !== null &&
    c.assignedUserId === null
  );
}

export interface ReplyContext {
  message: Message;
  conversation: Conversation;
  chatbot: Chatbot | null;
  /** Whether the bot has already answered the message (a retried job). */
  replied: boolean;
}

/**
 * The message, its conversation and chatbot, and whether the bot already answered it: one
 * statement, built once and prepared (the worker reads it twice for every customer message).
 */
export async function loadReplyContext(
  messageId: number,
  tx: DbOrTx = db,
): Promise<ReplyContext | null> {
  const query = preparedQuery(tx, 'reply-context', (t) =>
    t
      .select({
        message: messages,
        conversation: conversations,
        chatbot: chatbots,
        replied: sql<boolean>`exists (select 1 from ${messages} r
          where r.reply_to_message_id = ${messages.id} and r.origin = 'bot')`,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
      .where(eq(messages.id, sql.placeholder('id'))),
  );
  const [row] = await query.execute({ id: messageId });
  return row ?? null;
}

export async function replyExists(messageId: number, tx: DbOrTx = db): Promise<boolean> {
  const [row] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.replyToMessageId, messageId), eq(messages.origin, 'bot')));
  return !!row;
}

/** The model's context: the conversation up to the message being answered, roles mapped. */
export async function buildReplyRequest(
  ctx: ReplyContext & { chatbot: Chatbot },
): Promise<ReplyRequest> {
  const values = { conversationId: ctx.conversation.id, messageId: ctx.message.id };
  const history = preparedQuery(db, 'reply-history', (t) =>
    t
      .select({ message: messages, operatorName: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.senderUserId))
      .where(
        and(
          eq(messages.conversationId, sql.placeholder('conversationId')),
          lte(messages.id, sql.placeholder('messageId')),
        ),
      )
      .orderBy(desc(messages.id))
      .limit(sql.placeholder('limit')),
  );
  const rows = await history.execute({ ...values, limit: config.AI_HISTORY_MESSAGES });
  rows.reverse();
  const vars = await preparedQuery(db, 'reply-variables', (t) =>
    t
      .select({ key: conversationVariables.key, value: conversationVariables.value })
      .from(conversationVariables)
      .where(eq(conversationVariables.conversationId, sql.placeholder('conversationId')))
      .orderBy(asc(conversationVariables.id)),
  ).execute(values);
  const [earlier] = await preparedQuery(db, 'reply-earlier', (t) =>
    t
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, sql.placeholder('conversationId')),
          eq(messages.origin, 'client'),
          sql`${messages.id} < ${sql.placeholder('messageId')}`,
        ),
      )
      .limit(1),
  ).execute(values);
  return {
    chatbot: ctx.chatbot,
    history: toTurns(rows, (m) => messageText(m.content)),
    variables: Object.fromEntries(vars.map((v) => [v.key, v.value])),
    firstMessage: !earlier,
  };
}

export async function emitTyping(conversation: Conversation, isTyping: boolean, tx: DbOrTx = db) {
  await appendEvent(tx, {
    workspaceId: conversation.workspaceId,
    type: 'typing',
    conversationId: conversation.id,
    payload: { isTyping, origin: 'bot' },
  });
}

/** The bot steps back: the conversation waits for a human (auto-assignment picks it up). */
export async function handOff(tx: Tx, conversation: Conversation, reason: string) {
  await tx
    .update(conversations)
    .set({
      assignedBotId: null,
      handoffAt: sql`now()`,
      handoffReason: reason.slice(0, 500),
      updatedAt: sql`now()`,
    })
    .where(eq(conversations.id, conversation.id));
  await appendEvent(tx, {
    workspaceId: conversation.workspaceId,
    type: 'conversation:handoff',
    conversationId: conversation.id,
    payload: { reason },
  });
  await requestAssignment(tx, conversation.workspaceId);
}

/**
 * Saves the bot's answer to one customer message, once: under the conversation's row lock the
 * state is checked again (a human may have taken over while the model thought) and an existing
 * reply wins (a retried job). Tools run, typing stops and the send is enqueued, all in one
 * transaction. Returns the saved reply, or null when nothing was saved.
 */
export async function saveBotReply(ctx: ReplyContext, reply: Reply): Promise<Message | null> {
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(conversations)
      .where(eq(conversations.id, ctx.conversation.id))
      .for('update');
    if (!c) return null;
    const stillAnswering =
      reply.source === 'fallback' ? c.status !== 'ended' : botIsAnswering(c, ctx.chatbot);
    // After the lock, in a statement of its own: one that waited for the lock still sees the
    // data as it was before, and would miss a reply saved meanwhile.
    if (!stillAnswering || (await replyExists(ctx.message.id, tx))) {
      await emitTyping(c, false, tx);
      return null;
    }
    for (const call of reply.toolCalls) {
      if (call.name === 'set_variable') {
        await upsertVariable(c.workspaceId, c.id, { key: call.key, value: call.value }, tx);
      }
    }
    let saved: Message | null = null;
    if (reply.text) {
      saved = await insertMessage(
        tx,
        c,
        {
          direction: 'outbound',
          origin: 'bot',
          content: { text: reply.text },
          metadata: { responder: reply.source, ...(reply.model ? { model: reply.model } : {}) },
          replyToMessageId: ctx.message.id,
        },
        {
          locked: true,
          job: { task: tasks.outgoingMessage.name, queueName: conversationQueue(c.id) },
        },
      );
    }
    const handoff = reply.toolCalls.find((t) => t.name === 'handoff_to_human');
    if (handoff && handoff.name === 'handoff_to_human') await handOff(tx, c, handoff.reason);
    await emitTyping(c, false, tx);
    return saved;
  });
}
