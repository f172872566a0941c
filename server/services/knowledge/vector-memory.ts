import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { FoundPassage } from './found-passage';

/**
 * Vector search without pgvector, in this process: a chatbot's vectors are read once into
 * memory and compared in JavaScript. The dot product in SQL over `real[]` costs about 0.5 ms a
 * passage at 1,536 dimensions (1 s for 2,000), in JavaScript about 1.5 µs. Each search first
 * reads a signature of the chatbot's vectors (their count and ids, from an index), so a process
 * never answers from vectors another process changed: a changed signature reads them again.
 * Above MAX_PASSAGES (600 MB of vectors at 100,000) the SQL function answers instead, slowly:
 * such an installation wants pgvector (docs/operations.md).
 */
export const MAX_PASSAGES = 20_000;

/** A passage found by meaning (search_knowledge_vectors' row). */
export interface NearestPassage extends FoundPassage {
  /** Cosine similarity, -1..1. */
  similarity: number;
}

/** The chatbots whose vectors are held, least recently used first. */
const SCOPES_HELD = 16;

interface ScopeVectors {
  signature: string;
  ids: Int32Array;
  articleIds: Int32Array;
  positions: Int32Array;
  vectors: Float32Array;
}

const held = new Map<string, ScopeVectors>();

const SCOPE = (workspaceId: number, chatbotId: number) => sql`(
  select ck.collection_id from chatbot_knowledge ck join chatbots b on b.id = ck.chatbot_id
  where ck.chatbot_id = ${chatbotId} and b.workspace_id = ${workspaceId})`;

/**
 * The chatbot's vectors of the model. Their size is not tested here: it would read every
 * vector (6 KB, out of line) to count them, 50 ms at 1,600; a model's name says its size, and
 * load() skips a vector of another.
 */
const embedded = (workspaceId: number, chatbotId: number, model: string) =>
  sql`p.workspace_id = ${workspaceId} and p.embedding_model = ${model}
    and p.embedding is not null and p.collection_id in ${SCOPE(workspaceId, chatbotId)}`;

async function load(
  where: ReturnType<typeof embedded>,
  dimensions: number,
  tx: DbOrTx,
): Promise<ScopeVectors> {
  const rows = (await tx.execute(sql`
    select p.id, p.article_id, p.position, p.embedding from knowledge_passages p
    where ${where} order by p.id`)) as unknown as {
    id: number;
    article_id: number;
    position: number;
    embedding: number[];
  }[];
  const fitting = rows.filter((r) => r.embedding.length === dimensions);
  const vectors = new Float32Array(fitting.length * dimensions);
  fitting.forEach((r, i) => {
    vectors.set(r.embedding, i * dimensions);
  });
  return {
    signature: signatureOf(rows.map((r) => r.id)),
    ids: Int32Array.from(fitting, (r) => r.id),
    articleIds: Int32Array.from(fitting, (r) => r.article_id),
    positions: Int32Array.from(fitting, (r) => r.position),
    vectors,
  };
}

/** Passages are replaced with new ids and vectors only ever added to a row: ids say it all. */
function signatureOf(ids: number[]): string {
  let sum = 0;
  for (const id of ids) sum += id;
  return `${ids.length}:${ids.length ? Math.max(...ids) : 0}:${sum}`;
}

/**
 * The chatbot's passages nearest to `vector`, best of each article, or null when it has more
 * than MAX_PASSAGES vectors of the model.
 */
export async function nearestInMemory(
  input: { workspaceId: number; chatbotId: number; vector: number[]; model: string; limit: number },
  tx: DbOrTx,
): Promise<NearestPassage[] | null> {
  const dimensions = input.vector.length;
  const where = embedded(input.workspaceId, input.chatbotId, input.model);
  const [count] = (await tx.execute(sql`
    select count(*)::int as n, coalesce(max(p.id), 0)::int as top,
      coalesce(sum(p.id), 0)::float8 as total
    from knowledge_passages p where ${where}`)) as unknown as {
    n: number;
    top: number;
    total: number;
  }[];
  if (!count || count.n > MAX_PASSAGES) return null;
  if (count.n === 0) return [];
  const key = `${input.workspaceId}:${input.chatbotId}:${input.model}:${dimensions}`;
  let scope = held.get(key);
  if (scope?.signature !== `${count.n}:${count.top}:${count.total}`) {
    scope = await load(where, dimensions, tx);
    held.set(key, scope);
  }
  held.delete(key);
  held.set(key, scope);
  while (held.size > SCOPES_HELD) held.delete(held.keys().next().value!);

  // The best passage of each article (the earlier one on a tie, as the SQL does). Typed arrays
  // and locals: over a plain array and the scope's fields this loop ran ten times slower.
  const question = Float64Array.from(input.vector);
  const { vectors, articleIds, positions } = scope;
  const best = new Map<number, { index: number; similarity: number }>();
  for (let i = 0, offset = 0; i < articleIds.length; i++, offset += dimensions) {
    let dot = 0;
    for (let d = 0; d < dimensions; d++) dot += vectors[offset + d]! * question[d]!;
    const article = articleIds[i]!;
    const seen = best.get(article);
    if (
      !seen ||
      dot > seen.similarity ||
      (dot === seen.similarity && positions[i]! < positions[seen.index]!)
    )
      best.set(article, { index: i, similarity: dot });
  }
  // A few more than asked: an article may be a draft by now (the rows below say so).
  const top = [...best.values()]
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, input.limit + 5);
  const similarity = new Map(top.map((t) => [scope.ids[t.index]!, t.similarity]));
  const rows = (await tx.execute(sql`
    select p.id, a.id as article_id, a.uuid, a.slug, a.title, p.text, p.language
    from knowledge_passages p join knowledge_articles a on a.id = p.article_id
    where p.id in ${[...similarity.keys()]} and a.status = 'published'`)) as unknown as {
    id: number;
    article_id: number;
    uuid: string;
    slug: string;
    title: string;
    text: string;
    language: string;
  }[];
  return rows
    .map((r) => ({
      passageId: r.id,
      articleId: r.article_id,
      articleUuid: r.uuid,
      slug: r.slug,
      title: r.title,
      text: r.text,
      language: r.language,
      similarity: similarity.get(r.id)!,
    }))
    .sort((a, b) => b.similarity - a.similarity || a.passageId - b.passageId)
    .slice(0, input.limit);
}
