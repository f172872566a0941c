import type { Actor } from '../../server/auth/actor';
import type { KnowledgeLanguage } from '../../server/db/schema';
import { createArticle } from '../../server/services/knowledge/articles';
import { setChatbotCollections } from '../../server/services/knowledge/chatbot-collections';
import { createCollection } from '../../server/services/knowledge/collections';
import { indexArticle } from '../../server/services/knowledge/indexing';
import { unique } from './unique';

/** A collection made through the real service, as a supervisor would. */
export function makeCollection(actor: Actor, name = `Help ${unique()}`) {
  return createCollection(actor, { name });
}

/**
 * A published article, indexed at once (the job's own function, so a test needs no worker),
 * in `collectionId` or a new collection.
 */
export async function makeArticle(
  actor: Actor,
  overrides: {
    collectionId?: number;
    title?: string;
    body?: string;
    language?: KnowledgeLanguage;
    status?: 'draft' | 'published';
  } = {},
) {
  const collectionId = overrides.collectionId ?? (await makeCollection(actor)).id;
  const article = await createArticle(actor, {
    collectionId,
    title: overrides.title ?? `Article ${unique()}`,
    body: overrides.body ?? 'Our support team answers every day from 8am to 8pm.',
    language: overrides.language ?? 'en',
    status: overrides.status ?? 'published',
  });
  await indexArticle(article.id);
  return article;
}

/** Links collections to a chatbot, replacing what it answered from. */
export const linkCollections = (actor: Actor, chatbotId: number, collectionIds: number[]) =>
  setChatbotCollections(actor, chatbotId, { collectionIds });
