import { eq, sql } from 'drizzle-orm';
import { type EmbeddingsModel, embeddingsModel } from '../../ai/embeddings';
import { type DbOrTx, db } from '../../db/client';
import { knowledgeArticles, knowledgePassages } from '../../db/schema';
import { enqueueJob, jobKey } from '../../queue/enqueue';
import {
  EmbeddingsUnavailable,
  embedMissingVectors,
  passageInput,
  passagesWithoutVectors,
  storedVectors,
  vectorsFor,
  withVectors,
} from './embedding';
import { SEARCH_CONFIG } from './languages';
import { splitIntoPassages } from './passages';

export type IndexOutcome =
  | { outcome: 'indexed'; revision: number; passages: number; withoutVectors: number }
  | { outcome: 'current'; revision: number; withoutVectors: number }
  | { outcome: 'removed' }
  | { outcome: 'gone' };

/**
 * Rebuilds one article's passages from its newest revision, in one transaction: search sees the
 * old passages or the new ones, never a mix, and never half of an article. The article's row is
 * locked first, so an edit committed meanwhile waits and its own job runs after. Idempotent, as
 * a retried job must be: a revision already indexed is left as it is, a deleted article has
 * nothing to do, and a draft's passages are removed.
 *
 * With an embeddings model, called outside a transaction (the knowledge-index job), the
 * passages' vectors are made before the transaction and written with them; a passage whose
 * input did not change keeps its vector. If the model fails, the passages are written without
 * vectors and EmbeddingsUnavailable is thrown after the commit, so the job's retry (and a
 * revision already indexed) makes only the missing ones. Inside a caller's transaction the
 * model is never called (it would hold the caller's locks): the passages keep the vectors they
 * can, and the article's job is queued in that transaction to make the rest.
 */
export async function indexArticle(articleId: number, tx: DbOrTx = db): Promise<IndexOutcome> {
  const model = embeddingsModel();
  const ownTransaction = tx === db;
  const prepared = model && ownTransaction ? await prepareVectors(articleId, model) : undefined;
  const outcome = await tx.transaction((t) =>
    writePassages(t, articleId, model?.name, prepared?.vectors),
  );
  if (!model || !('withoutVectors' in outcome) || outcome.withoutVectors === 0) return outcome;
  if (!ownTransaction) {
    await enqueueJob(
      tx,
      'knowledge-index',
      { articleId },
      { jobKey: jobKey('knowledge-index', articleId) },
    );
    return outcome;
  }
  if (prepared?.failure) throw new EmbeddingsUnavailable(articleId, prepared.failure);
  // A revision committed between the vectors and the transaction, or a retry: make the rest.
  await embedMissingVectors(articleId, model);
  return { ...outcome, withoutVectors: 0 };
}

/** The vectors of the article's passages as it reads now (unlocked: the transaction re-checks). */
async function prepareVectors(articleId: number, model: EmbeddingsModel) {
  const [article] = await db
    .select()
    .from(knowledgeArticles)
    .where(eq(knowledgeArticles.id, articleId));
  if (article?.status !== 'published' || article.indexedRevision === article.revision)
    return undefined;
  const inputs = splitIntoPassages(article.body).map((d) =>
    passageInput(article.title, d.heading || article.title, d.text),
  );
  return vectorsFor(articleId, inputs, model);
}

async function writePassages(
  t: DbOrTx,
  articleId: number,
  model: string | undefined,
  prepared: Map<string, number[]> | undefined,
): Promise<IndexOutcome> {
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
    const withoutVectors = await passagesWithoutVectors(article.id, model, t);
    return { outcome: 'current', revision: article.revision, withoutVectors };
  }
  // Vectors by input: the ones just made, else the ones stored for an unchanged passage.
  const vectors = model ? await storedVectors(article.id, model, t) : new Map<string, number[]>();
  for (const [input, vector] of prepared ?? []) vectors.set(input, vector);
  const drafts = withVectors(splitIntoPassages(article.body), article.title, vectors);
  await t.delete(knowledgePassages).where(eq(knowledgePassages.articleId, article.id));
  if (drafts.length > 0) {
    const config = SEARCH_CONFIG[article.language];
    // Title and heading weigh A, the text D: search_knowledge counts title words apart. The
    // passages before any heading are headed by the title (trigram search reads headings).
    await t.execute(sql`
      insert into knowledge_passages
        (workspace_id, article_id, collection_id, position, heading, text, language, search,
         revision, embedding, embedding_model)
      select ${article.workspaceId}, ${article.id}, ${article.collectionId}, p.position,
        coalesce(nullif(p.heading, ''), ${article.title}), p.text, ${article.language},
        setweight(to_tsvector(${config}::regconfig, ${article.title} || ' ' || p.heading), 'A')
          || setweight(to_tsvector(${config}::regconfig, p.text), 'D'),
        ${article.revision}, p.embedding,
        case when p.embedding is not null then ${model ?? null}::text end
      from jsonb_to_recordset(${JSON.stringify(drafts)}::jsonb)
        as p(position integer, heading text, text text, embedding real[])`);
  }
  // updated_at stays: indexing is not an edit.
  await t
    .update(knowledgeArticles)
    .set({ indexedRevision: article.revision, updatedAt: article.updatedAt })
    .where(eq(knowledgeArticles.id, article.id));
  return {
    outcome: 'indexed',
    revision: article.revision,
    passages: drafts.length,
    withoutVectors: model ? drafts.filter((d) => !d.embedding).length : 0,
  };
}
