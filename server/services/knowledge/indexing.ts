import { eq, sql } from 'drizzle-orm';
import { type DbOrTx, db } from '../../db/client';
import { knowledgeArticles, knowledgePassages } from '../../db/schema';
import { SEARCH_CONFIG } from './languages';
import { splitIntoPassages } from './passages';

export type IndexOutcome =
  | { outcome: 'indexed'; revision: number; passages: number }
  | { outcome: 'current'; revision: number }
  | { outcome: 'removed' }
  | { outcome: 'gone' };

/**
 * Rebuilds one article's passages from its newest revision, in one transaction: search sees the
 * old passages or the new ones, never a mix, and never half of an article. The article's row is
 * locked first, so an edit committed meanwhile waits and its own job runs after. Idempotent, as
 * a retried job must be: a revision already indexed is left as it is, a deleted article has
 * nothing to do, and a draft's passages are removed.
 */
export async function indexArticle(articleId: number, tx: DbOrTx = db): Promise<IndexOutcome> {
  return tx.transaction(async (t) => {
    const [article] = await t
      .select()
      .from(knowledgeArticles)
      .where(eq(knowledgeArticles.id, articleId))
      .for('update');
    if (!article) return { outcome: 'gone' };
    if (article.status !== 'published') {
      await t.delete(knowledgePassages).where(eq(knowledgePassages.articleId, article.id));
      await t
        .update(knowledgeArticles)
        .set({ indexedRevision: null })
        .where(eq(knowledgeArticles.id, article.id));
      return { outcome: 'removed' };
    }
    if (article.indexedRevision === article.revision) {
      return { outcome: 'current', revision: article.revision };
    }
    const drafts = splitIntoPassages(article.body);
    await t.delete(knowledgePassages).where(eq(knowledgePassages.articleId, article.id));
    if (drafts.length > 0) {
      const config = SEARCH_CONFIG[article.language];
      // Title and heading weigh A, the text D: search_knowledge counts title words apart. The
      // passages before any heading are headed by the title (trigram search reads headings).
      await t.execute(sql`
        insert into knowledge_passages
          (workspace_id, article_id, collection_id, position, heading, text, language, search,
           revision)
        select ${article.workspaceId}, ${article.id}, ${article.collectionId}, p.position,
          coalesce(nullif(p.heading, ''), ${article.title}), p.text, ${article.language},
          setweight(to_tsvector(${config}::regconfig, ${article.title} || ' ' || p.heading), 'A')
            || setweight(to_tsvector(${config}::regconfig, p.text), 'D'),
          ${article.revision}
        from jsonb_to_recordset(${JSON.stringify(drafts)}::jsonb)
          as p(position integer, heading text, text text)`);
    }
    // updated_at stays: indexing is not an edit.
    await t
      .update(knowledgeArticles)
      .set({ indexedRevision: article.revision, updatedAt: article.updatedAt })
      .where(eq(knowledgeArticles.id, article.id));
    return { outcome: 'indexed', revision: article.revision, passages: drafts.length };
  });
}
