import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import type { Tx } from '../db/client';
import { type Chatbot, type Conversation, conversations, csatResponses } from '../db/schema';
import { assignConversation } from '../services/conversations/assignment-actions';
import { findOrCreateConversation } from '../services/conversations/find-or-create';
import { endConversation, takeover } from '../services/conversations/lifecycle';
import { sendOperatorMessage } from '../services/conversations/operator-message';
import { recordAnswer } from '../services/csat/record';
import { insertMessage } from '../services/messages/create';
import { addNote } from '../services/notes/write';
import type { DemoConversation, DemoPerson, DemoStep } from './conversations';

export interface DemoCast {
  workspaceId: number;
  chatbot: Chatbot;
  /** The integration each channel's conversations arrive on. */
  integrationIds: Record<DemoConversation['channel'], number>;
  people: Record<DemoPerson, Actor>;
}

/**
 * Plays one demo conversation through the services an agent's clicks and the channels use, in
 * the caller's transaction, so its events, timeline and counters are the ones real traffic
 * leaves. The customer's and the bot's lines are written as the inbound path and the bot's save
 * write them, without opening a bot turn: the demo's bot has already answered. Every row a step
 * writes is then dated `at` minutes back (rows the transaction wrote carry its now()), so the
 * inbox reads as a morning's work instead of one instant.
 */
export async function stageConversation(
  tx: Tx,
  cast: DemoCast,
  demo: DemoConversation,
): Promise<Conversation> {
  const { conversation } = await findOrCreateConversation(tx, {
    workspaceId: cast.workspaceId,
    chatbot: cast.chatbot,
    externalUserId: demo.externalUserId,
    channel: demo.channel,
    integrationId: cast.integrationIds[demo.channel],
    profileName: demo.name,
    phoneNumber: demo.phoneNumber ?? null,
  });
  for (const step of demo.steps) {
    await play(tx, cast, demo, conversation.id, step);
    await backdate(tx, conversation.id, step.at);
  }
  return settle(tx, conversation.id);
}

async function play(
  tx: Tx,
  cast: DemoCast,
  demo: DemoConversation,
  id: number,
  step: DemoStep,
): Promise<void> {
  const current = async () =>
    (await tx.select().from(conversations).where(eq(conversations.id, id)))[0]!;
  if ('customer' in step) {
    await insertMessage(tx, await current(), {
      direction: 'inbound',
      origin: 'client',
      content: { text: step.customer },
    });
  } else if ('bot' in step) {
    await insertMessage(tx, await current(), {
      direction: 'outbound',
      origin: 'bot',
      content: { text: step.bot },
      status: demo.channel === 'WIDGET' ? 'sent' : 'read',
    });
  } else if ('agent' in step) {
    await sendOperatorMessage(
      cast.people[step.agent],
      id,
      { type: 'text', content: { text: step.text } },
      tx,
    );
  } else if ('handoff' in step) {
    // The SQL function the bot's save and the flows hand off through.
    await tx.execute(sql`select hand_off_to_humans(c, ${step.handoff},
      jsonb_build_object('reason', ${step.handoff}::text)) from conversations c where c.id = ${id}`);
  } else if ('assign' in step) {
    await assignConversation(cast.people[step.by], id, cast.people[step.assign].userId, tx);
  } else if ('takeover' in step) {
    await takeover(cast.people[step.takeover], id, {}, tx);
  } else if ('note' in step) {
    await addNote(cast.people[step.by], id, { body: step.note }, tx);
  } else if ('end' in step) {
    await endConversation(cast.people[step.end], id, tx);
  } else {
    // The survey the end asked (the chatbot's is on), answered as the customer's reply records it.
    const [asked] = await tx
      .select()
      .from(csatResponses)
      .where(eq(csatResponses.conversationId, id));
    if (!asked) throw new Error(`demo conversation ${demo.externalUserId}: no survey was asked`);
    await recordAnswer(tx, asked, { rating: step.rating, comment: step.comment ?? null });
  }
}

/** The rows of this conversation the transaction wrote and no step dated yet, dated `at` back. */
async function backdate(tx: Tx, id: number, at: number): Promise<void> {
  const when = sql`now() - make_interval(mins => ${at}::int)`;
  await tx.execute(sql`update messages set created_at = ${when}, updated_at = ${when},
      sent_at = case when sent_at is null then null else ${when} end
    where conversation_id = ${id} and created_at = now()`);
  await tx.execute(sql`update events set created_at = ${when}
    where conversation_id = ${id} and created_at = now()`);
  await tx.execute(sql`update conversation_notes set created_at = ${when}, updated_at = ${when}
    where conversation_id = ${id} and created_at = now()`);
  await tx.execute(sql`update csat_responses set answered_at = ${when}
    where conversation_id = ${id} and answered_at = now()`);
  await tx.execute(sql`update csat_responses set asked_at = ${when}
    where conversation_id = ${id} and asked_at = now()`);
}

/**
 * The conversation's own times from its dated rows: when it began, its last message and the
 * customer's, the WhatsApp window from the customer's last message, the handoff and the end.
 */
async function settle(tx: Tx, id: number): Promise<Conversation> {
  const [row] = await tx
    .update(conversations)
    .set({
      createdAt: sql`(select min(m.created_at) from messages m where m.conversation_id = ${id})`,
      lastMessageAt: sql`(select max(m.created_at) from messages m where m.conversation_id = ${id})`,
      lastActivityAt: sql`(select max(e.created_at) from events e where e.conversation_id = ${id})`,
      lastContactMessageAt: sql`(select max(m.created_at) from messages m
        where m.conversation_id = ${id} and m.direction = 'inbound')`,
      cswStartedAt: sql`case when ${conversations.cswStartedAt} is null then null else
        (select max(m.created_at) from messages m
          where m.conversation_id = ${id} and m.direction = 'inbound') end`,
      cswExpiresAt: sql`case when ${conversations.cswExpiresAt} is null then null else
        (select max(m.created_at) + interval '24 hours' from messages m
          where m.conversation_id = ${id} and m.direction = 'inbound') end`,
      handoffAt: sql`case when ${conversations.handoffAt} is null then null else
        (select max(e.created_at) from events e
          where e.conversation_id = ${id} and e.type = 'conversation:handoff') end`,
      endedAt: sql`case when ${conversations.endedAt} is null then null else
        (select max(e.created_at) from events e
          where e.conversation_id = ${id} and e.type = 'conversation:ended') end`,
    })
    .where(eq(conversations.id, id))
    .returning();
  return row!;
}
