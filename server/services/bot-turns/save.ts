import { eq, sql } from 'drizzle-orm';
import type { Reply } from '../../ai/responder';
import { db, type Tx } from '../../db/client';
import {
  type BotTurn,
  type Chatbot,
  type Conversation,
  conversations,
  type Message,
} from '../../db/schema';
import { conversationQueue } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { requestAssignment } from '../assignment/trigger';
import { upsertVariable } from '../conversations/variables';
import { appendEvent } from '../events';
import { insertMessage } from '../messages/create';
import { botIsAnswering } from './answering';
import { dropTurn, ownedTurn } from './turns';

/**
 * What became of a reply: saved (and the turn ended); stale (a message joined the turn while the
 * model worked: answer again with it); lost (the turn is no longer this worker's: it was freed
 * as a dead worker's, and another answers it); dropped (the bot no longer answers: the turn ended
 * without a reply).
 */
export type SaveOutcome =
  | { kind: 'saved'; message: Message | null }
  | { kind: 'stale' }
  | { kind: 'lost' }
  | { kind: 'dropped' };

export async function emitTyping(
  conversation: Conversation,
  isTyping: boolean,
  tx: Tx | typeof db = db,
) {
  await appendEvent(tx, {
    workspaceId: conversation.workspaceId,
    type: 'typing',
    conversationId: conversation.id,
    payload: { isTyping, origin: 'bot' },
  });
}

/** The bot steps back: the conversation waits for a human (auto-assignment picks it up). */
async function handOff(tx: Tx, conversation: Conversation, reason: string) {
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
 * Saves the reply of a turn `owner` runs, once, in one transaction: under the conversation's
 * row lock (which every message joining the turn takes too) the turn is read again; it must
 * still be this owner's and of the generation the reply was made for, and the bot must still
 * answer (a human may have taken over while the model thought; a fallback is saved unless the
 * conversation ended). Then the tools run, the reply is written (a widget's as sent, since no
 * provider carries it; another channel's with its send job on the conversation's queue, so
 * replies go out in order), typing stops and the turn ends.
 */
export async function saveTurnReply(
  turn: Pick<BotTurn, 'conversationId' | 'generation'>,
  owner: string,
  chatbot: Chatbot,
  reply: Reply,
): Promise<SaveOutcome> {
  return db.transaction(async (tx): Promise<SaveOutcome> => {
    const [c] = await tx
      .select()
      .from(conversations)
      .where(eq(conversations.id, turn.conversationId))
      .for('update');
    const now = c ? await ownedTurn(turn.conversationId, owner, tx) : null;
    if (!c || !now) return { kind: 'lost' };
    if (now.generation !== turn.generation) return { kind: 'stale' };
    const answering =
      reply.source === 'fallback' ? c.status !== 'ended' : botIsAnswering(c, chatbot);
    if (!answering) {
      await dropTurn(c.id, owner, tx);
      await emitTyping(c, false, tx);
      return { kind: 'dropped' };
    }
    for (const call of reply.toolCalls) {
      if (call.name === 'set_variable') {
        await upsertVariable(c.workspaceId, c.id, { key: call.key, value: call.value }, tx);
      }
    }
    let saved: Message | null = null;
    if (reply.text) {
      const widget = c.channel === 'WIDGET';
      saved = await insertMessage(
        tx,
        c,
        {
          direction: 'outbound',
          origin: 'bot',
          content: { text: reply.text },
          metadata: { responder: reply.source, ...(reply.model ? { model: reply.model } : {}) },
          replyToMessageId: now.messageId,
          ...(widget ? { status: 'sent' as const } : {}),
        },
        {
          locked: true,
          ...(widget
            ? {}
            : { job: { task: tasks.outgoingMessage.name, queueName: conversationQueue(c.id) } }),
        },
      );
    }
    const handoff = reply.toolCalls.find((t) => t.name === 'handoff_to_human');
    if (handoff && handoff.name === 'handoff_to_human') await handOff(tx, c, handoff.reason);
    await emitTyping(c, false, tx);
    await dropTurn(c.id, owner, tx);
    return { kind: 'saved', message: saved };
  });
}
