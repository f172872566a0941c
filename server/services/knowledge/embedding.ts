import { sql } from 'drizzle-orm';
import { type EmbeddingsModel, embeddingsFailure, embeddingsModel } from '../../ai/embeddings';
import { type DbOrTx, db } from '../../db/client';
import { logger } from '../../logger';
import type { PassageDraft } from './passages';
import { reportVectorSupport } from './semantic';

/**
 * Passages' vectors for knowledge search by meaning (EMBEDDINGS_MODEL). The knowledge-index
 * job asks the model before its transaction (indexing.ts), never inside one: a slow provider
 * holds no lock. When the model fails, the article is indexed by its words all the same (whole,
 * in one transaction) with the vectors missing, and the job fails so that its retry makes them:
 * search never waits for the provider, and never sees half an article.
 */

/** What is embedded for a passage: its article's title and heading give it its context. */
export function passageInput(title: string, heading: string, text: string): string {
  const head = heading && heading !== title ? `${title}: ${heading}` : title;
  return `${head}\n\n${text}`;
}

/** The vectors already stored for an article by `model`, by the input they were made from. */
export async function storedVectors(
  articleId: number,
  model: string,
  tx: DbOrTx = db,
): Promise<Map<string, number[]>> {
  const rows = (await tx.execute(sql`
    select a.title, p.heading, p.text, p.embedding from knowledge_passages p
    join knowledge_articles a on a.id = p.article_id
    where p.article_id = ${articleId} and p.embedding_model = ${model}`)) as unknown as {
    title: string;
    heading: string;
    text: string;
    embedding: number[];
  }[];
  return new Map(rows.map((r) => [passageInput(r.title, r.heading, r.text), r.embedding]));
}

/** An embeddings failure the job retries; the passages are indexed by their words meanwhile. */
export class EmbeddingsUnavailable extends Error {
  constructor(articleId: number, cause: unknown) {
    super(
      `knowledge article ${articleId} indexed without vectors (the embeddings model failed); the job's retry makes them`,
      { cause },
    );
  }
}

/**
 * The vectors an article's passages need, by input: the ones stored (a passage whose text did
 * not change keeps its vector) and the model's for the rest, in batches. A failure is returned,
 * not thrown: the caller indexes the words first.
 */
export async function vectorsFor(
  articleId: number,
  inputs: string[],
  model: EmbeddingsModel,
): Promise<{ vectors: Map<string, number[]>; failure?: unknown }> {
  const vectors = await storedVectors(articleId, model.name);
  const missing = [...new Set(inputs.filter((input) => !vectors.has(input)))];
  if (missing.length === 0) return { vectors };
  try {
    const made = await model.embedPassages(missing);
    for (const [i, input] of missing.entries()) vectors.set(input, made[i]!);
    return { vectors };
  } catch (failure) {
    logger.warn(
      { articleId, passages: missing.length, ...embeddingsFailure(failure) },
      'embeddings model failed; the article is indexed by its words until the retry',
    );
    return { vectors, failure };
  }
}

/** The drafts as the insert reads them, each with its vector when one is known. */
export function withVectors(
  drafts: PassageDraft[],
  title: string,
  vectors: Map<string, number[]>,
): (PassageDraft & { embedding: number[] | null })[] {
  return drafts.map((d) => ({
    ...d,
    embedding: vectors.get(passageInput(title, d.heading || title, d.text)) ?? null,
  }));
}

/** How many of an article's passages have no vector of `model` (none needed without one). */
export async function passagesWithoutVectors(
  articleId: number,
  model: string | undefined,
  tx: DbOrTx,
): Promise<number> {
  if (!model) return 0;
  const [row] = (await tx.execute(sql`
    select count(*)::int as n from knowledge_passages
    where article_id = ${articleId} and embedding_model is distinct from ${model}`)) as unknown as {
    n: number;
  }[];
  return row?.n ?? 0;
}

/**
 * Makes the vectors an indexed article's passages lack (a retry after a failure, a model
 * changed), outside any transaction, and stores them in one statement. A passage replaced
 * meanwhile (a newer revision) is not touched: its id is gone. Throws when the model fails.
 */
export async function embedMissingVectors(
  articleId: number,
  model: EmbeddingsModel,
): Promise<number> {
  const rows = (await db.execute(sql`
    select p.id, a.title, p.heading, p.text from knowledge_passages p
    join knowledge_articles a on a.id = p.article_id
    where p.article_id = ${articleId} and p.embedding_model is distinct from ${model.name}
    order by p.position`)) as unknown as {
    id: number;
    title: string;
    heading: string;
    text: string;
  }[];
  if (rows.length === 0) return 0;
  let made: number[][];
  try {
    made = await model.embedPassages(rows.map((r) => passageInput(r.title, r.heading, r.text)));
  } catch (failure) {
    logger.warn(
      { articleId, passages: rows.length, ...embeddingsFailure(failure) },
      'embeddings model failed; the article stays indexed by its words until the retry',
    );
    throw new EmbeddingsUnavailable(articleId, failure);
  }
  const vectors = rows.map((r, i) => ({ id: r.id, embedding: made[i] }));
  await db.execute(sql`
    update knowledge_passages p set embedding = v.embedding, embedding_model = ${model.name}
    from jsonb_to_recordset(${JSON.stringify(vectors)}::jsonb) as v(id integer, embedding real[])
    where p.id = v.id`);
  return rows.length;
}

/**
 * Queues the knowledge-index job of every article whose passages lack the configured model's
 * vectors (the model was configured or changed: the setting is read at start, so the worker's
 * start is when it changes). The job's key (jobKey's `<task>:<id>`) makes a second start's
 * sweep replace, not add.
 */
export async function queueMissingVectors(tx: DbOrTx = db): Promise<number> {
  const model = embeddingsModel();
  if (!model) return 0;
  const [row] = (await tx.execute(sql`
    select count(enqueue_job('knowledge-index', json_build_object('articleId', a.article_id),
      null, null, 10, 'knowledge-index:' || a.article_id))::int as n
    from (select distinct article_id from knowledge_passages
          where embedding_model is distinct from ${model.name}) a`)) as unknown as { n: number }[];
  if (row?.n)
    logger.info({ articles: row.n, model: model.name }, 'knowledge articles queued to embed');
  return row?.n ?? 0;
}

/**
 * At a worker's start, with an embeddings model: says how vectors will be compared and queues
 * the articles whose vectors are missing or another model's. A failure here is logged, never a
 * failed start: search answers by words meanwhile.
 */
export async function startKnowledgeVectors(): Promise<void> {
  if (!embeddingsModel()) return;
  try {
    await reportVectorSupport();
    await queueMissingVectors();
  } catch (err) {
    logger.warn({ err: (err as Error)?.message }, 'could not queue the knowledge vectors to make');
  }
}
