import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { chatbotKnowledge, knowledgeCollections } from '../../db/schema';
import { notFound } from '../../errors';
import { findChatbot } from '../chatbots';
import { rowId } from '../ids';

export const SetChatbotCollectionsInput = z.object({
  collectionIds: z.array(rowId).max(200),
});

/** The collections a chatbot answers from, by name. */
export async function chatbotCollections(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
) {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  return tx
    .select({
      id: knowledgeCollections.id,
      uuid: knowledgeCollections.uuid,
      name: knowledgeCollections.name,
    })
    .from(chatbotKnowledge)
    .innerJoin(knowledgeCollections, eq(knowledgeCollections.id, chatbotKnowledge.collectionId))
    .where(eq(chatbotKnowledge.chatbotId, chatbot.id))
    .orderBy(asc(knowledgeCollections.name), asc(knowledgeCollections.id));
}

/**
 * Replaces the set of collections a chatbot answers from. Every id must name a collection of
 * the caller's workspace: one of another workspace is "not found", as an id of nothing is.
 */
export async function setChatbotCollections(
  actor: Actor,
  chatbotRef: string | number,
  input: z.input<typeof SetChatbotCollectionsInput>,
  tx: DbOrTx = db,
) {
  requireRole(actor, 'supervisor');
  const ids = [...new Set(SetChatbotCollectionsInput.parse(input).collectionIds)];
  await tx.transaction(async (t) => {
    const chatbot = await findChatbot(actor.workspaceId, chatbotRef, t);
    if (ids.length > 0) {
      const found = await t
        .select({ id: knowledgeCollections.id })
        .from(knowledgeCollections)
        .where(
          and(
            eq(knowledgeCollections.workspaceId, actor.workspaceId),
            inArray(knowledgeCollections.id, ids),
          ),
        );
      if (found.length !== ids.length) throw notFound('Collection');
    }
    await t.delete(chatbotKnowledge).where(eq(chatbotKnowledge.chatbotId, chatbot.id));
    if (ids.length > 0) {
      await t
        .insert(chatbotKnowledge)
        .values(ids.map((collectionId) => ({ chatbotId: chatbot.id, collectionId })));
    }
  });
  return chatbotCollections(actor, chatbotRef, tx);
}
