import { eq } from 'drizzle-orm';
import { db } from '../../server/db/client';
import {
  chatbots,
  conversations,
  events,
  handoffSummaries,
  messages,
} from '../../server/db/schema';
import { createArticle } from '../../server/services/knowledge/articles';
import { setChatbotCollections } from '../../server/services/knowledge/chatbot-collections';
import { createCollection } from '../../server/services/knowledge/collections';
import { indexArticle } from '../../server/services/knowledge/indexing';
import { makeChatbot } from '../factories/chatbot';
import { makeWorkspace } from '../factories/workspace';
import { actorOf } from '../helpers/auth';
import { api } from '../helpers/server';
import type { CapturedRequest } from '../mocks/openai';

export const REFUNDS =
  'Refunds take up to 5 business days to reach the original card once the return arrives.';

/**
 * A workspace whose chatbot answers from one published article about refunds, indexed now (as
 * the index job would), with its AI on or off.
 */
export async function workspaceWithKnowledge(aiEnabled: boolean) {
  const { workspace, admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled });
  const actor = actorOf(admin);
  const collection = await createCollection(actor, { name: 'Help centre' });
  const refunds = await createArticle(actor, {
    collectionId: collection.id,
    title: 'Refund policy',
    body: REFUNDS,
    language: 'en',
    status: 'published',
  });
  await indexArticle(refunds.id);
  await setChatbotCollections(actor, bot.id, { collectionIds: [collection.id] });
  const [chatbot] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
  return { workspace, admin, bot, chatbot: chatbot!, refunds };
}

/** A widget visitor of `bot`, as the widget's script starts one. */
export async function widgetVisitor(base: string, publicKey: string) {
  const session = await api(base, 'POST', '/widget/session', { body: { publicKey } });
  return session.body as { token: string; externalUserId: string };
}

/** A line from the widget visitor; the conversation's row after it. */
export async function visitorSays(
  base: string,
  visitor: { token: string; externalUserId: string },
  chatbotId: string,
  content: string,
) {
  const res = await api(base, 'POST', '/messages/send', {
    token: visitor.token,
    body: { chatbotId, externalUserId: visitor.externalUserId, content },
  });
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.uuid, res.body.data.conversation.id));
  return c!;
}

/** What the copilot could have written anywhere: messages, events and summaries of a conversation. */
export async function writtenFor(conversationId: number) {
  const [m, e, s] = await Promise.all([
    db.select().from(messages).where(eq(messages.conversationId, conversationId)),
    db.select().from(events).where(eq(events.conversationId, conversationId)),
    db.select().from(handoffSummaries).where(eq(handoffSummaries.conversationId, conversationId)),
  ]);
  return { messages: m.length, events: e.length, summaries: s.length };
}

/** Which copilot call a captured request is, by its instructions. */
export const kindOf = (body: CapturedRequest) =>
  /Summarize it for the agent/.test(String(body.messages[0]?.content))
    ? 'summary'
    : /Write the next reply the agent could send/.test(String(body.messages[0]?.content))
      ? 'draft'
      : 'bot';
