import { sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import type { KnowledgeArticle } from '../../db/schema';
import { jobKey } from '../../queue/enqueue';
import { createArticle } from '../../services/knowledge/articles';
import {
  chatbotCollections,
  setChatbotCollections,
} from '../../services/knowledge/chatbot-collections';
import { createCollection } from '../../services/knowledge/collections';
import { indexArticle } from '../../services/knowledge/indexing';
import { DEMO_ARTICLES } from './articles';

export const DEMO_COLLECTION = 'Help centre';

/**
 * Writes the demo help centre into `actor`'s workspace as published articles of one collection
 * and lets the chatbot answer from it (beside any collection it already answers from, such as
 * its migrated FAQ), through the same services as the console, indexed in `tx`.
 */
export async function seedDemoKnowledge(
  actor: Actor,
  chatbotId: number,
  tx: DbOrTx = db,
): Promise<KnowledgeArticle[]> {
  const collection = await createCollection(actor, { name: DEMO_COLLECTION }, tx);
  const articles: KnowledgeArticle[] = [];
  for (const article of DEMO_ARTICLES) {
    const { slug, title, body, language } = article;
    articles.push(
      await createArticle(
        actor,
        { collectionId: collection.id, slug, title, body, language, status: 'published' },
        {},
        tx,
      ),
    );
  }
  // Indexed here, in the seed's transaction, rather than by the 31 jobs the edits queued: the
  // demo bot answers from the help centre the moment the first start commits, and a new
  // installation does not begin with a burst of jobs.
  for (const article of articles) {
    await indexArticle(article.id, tx);
    await tx.execute(
      sql`select graphile_worker.remove_job(${jobKey('knowledge-index', article.id)})`,
    );
  }
  const linked = await chatbotCollections(actor, chatbotId, tx);
  await setChatbotCollections(
    actor,
    chatbotId,
    { collectionIds: [...linked.map((c) => c.id), collection.id] },
    tx,
  );
  return articles;
}
