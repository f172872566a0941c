import { sql } from 'drizzle-orm';
import { type EmbeddingsModel, embeddingsFailure } from '../../ai/embeddings';
import { config } from '../../config';
import { type DbOrTx, db } from '../../db/client';
import { logger } from '../../logger';
import { type FoundPassageRow, foundPassage } from './found-passage';
import { type NearestPassage, nearestInMemory } from './vector-memory';

/**
 * Knowledge search by meaning: the question's vector against the passages' (search_knowledge_
 * vectors), and how its ranking is fused with the lexical one (retrieval.ts).
 */

/**
 * The question's vector, or null when the model fails or is slower than
 * EMBEDDINGS_QUERY_TIMEOUT_MS: the search then ranks by words alone, and the reply goes on.
 */
export async function questionVector(model: EmbeddingsModel, question: string) {
  try {
    return await model.embedQuestion(question);
  } catch (err) {
    logger.warn(
      { model: model.name, ...embeddingsFailure(err) },
      'embeddings model failed for a question; knowledge searched by words only',
    );
    return null;
  }
}

/**
 * The chatbot's passages nearest in meaning, one per article: pgvector's where it is installed
 * (search_knowledge_vectors), else this process's copy of the vectors (vector-memory.ts), else
 * (too many vectors to hold) the dot product in SQL.
 */
export async function nearestPassages(
  input: { workspaceId: number; chatbotId: number; vector: number[]; model: string; limit: number },
  tx: DbOrTx = db,
): Promise<NearestPassage[]> {
  if (!(await hasPgvector(tx))) {
    const held = await nearestInMemory(input, tx);
    if (held) return held;
  }
  const rows = (await tx.execute(sql`
    select passage_id, article_id, article_uuid, slug, title, text, language, similarity
    from search_knowledge_vectors(${input.workspaceId}::integer, ${input.chatbotId}::integer,
      ${`{${input.vector.join(',')}}`}::real[], ${input.model}::text, ${input.limit}::integer)`)) as unknown as (FoundPassageRow & {
    similarity: number;
  })[];
  return rows.map((r) => ({ ...foundPassage(r), similarity: Number(r.similarity) }));
}

/**
 * A cosine similarity on the lexical score's scale: EMBEDDINGS_RELEVANT_SIMILARITY is 0.5 (the
 * relevance bar, RELEVANT_SCORE), 1 is 1, and the line goes on down to 0.
 */
export function similarityScore(similarity: number): number {
  const bar = config.EMBEDDINGS_RELEVANT_SIMILARITY;
  const score = 0.5 + (similarity - bar) / (2 * (1 - bar));
  return Math.min(1, Math.max(0, score));
}

interface Scored {
  articleId: number;
  score: number;
}

/**
 * One hit per article from the two rankings: the better of its two scores, raised a little when
 * the other agrees (a quarter of the other score, on what is left up to 1). A passage is then
 * relevant when either ranking finds it so on its own, and two weak signals stay below the bar
 * (0.45 and 0.45 make 0.51; 0.3 and 0.3, 0.35). The passage given is the better-scored side's.
 * Scores stay in 0..1.
 */
export function fuseRankings<L extends Scored, S extends Scored>(
  lexical: L[],
  semantic: S[],
  limit: number,
): { hit: L | S; score: number }[] {
  const byArticle = new Map<number, { lexical?: L; semantic?: S }>();
  for (const hit of lexical) byArticle.set(hit.articleId, { lexical: hit });
  for (const hit of semantic)
    byArticle.set(hit.articleId, { ...byArticle.get(hit.articleId), semantic: hit });
  const fused = [...byArticle.values()].map(({ lexical: l, semantic: s }) => {
    const a = l?.score ?? 0;
    const b = s?.score ?? 0;
    const best = Math.max(a, b);
    return {
      hit: (a >= b ? l : s) ?? (l ?? s)!,
      score: best + 0.25 * Math.min(a, b) * (1 - best),
    };
  });
  return fused.sort((x, y) => y.score - x.score).slice(0, limit);
}

let pgvector: Promise<{ installed: boolean; available: boolean }> | undefined;

/**
 * Whether pgvector is installed, read once per process (the worker's start reports it):
 * installing the extension takes effect at the next start.
 */
function vectorSupport(tx: DbOrTx) {
  pgvector ??= (
    tx.execute(sql`
      select exists (select 1 from pg_extension where extname = 'vector') as installed,
        exists (select 1 from pg_available_extensions where name = 'vector') as available`) as unknown as Promise<
      { installed: boolean; available: boolean }[]
    >
  ).then(
    ([row]) => ({ installed: !!row?.installed, available: !!row?.available }),
    (err) => {
      pgvector = undefined;
      throw err;
    },
  );
  return pgvector;
}

const hasPgvector = async (tx: DbOrTx) => (await vectorSupport(tx)).installed;

/** Says how vectors are compared: with pgvector where it is installed, else in this process. */
export async function reportVectorSupport(tx: DbOrTx = db): Promise<void> {
  const { installed, available } = await vectorSupport(tx);
  if (installed) logger.info('knowledge vectors compared with pgvector');
  else
    logger.info(
      { pgvectorAvailable: available },
      available
        ? 'knowledge vectors compared in memory; pgvector is available: CREATE EXTENSION vector to use it'
        : 'knowledge vectors compared in memory (no pgvector)',
    );
}
