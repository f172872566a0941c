import { sql } from 'drizzle-orm';
import { embeddingsModel } from '../../ai/embeddings';
import { type DbOrTx, db } from '../../db/client';
import { type FoundPassage, type FoundPassageRow, foundPassage } from './found-passage';
import { fuseRankings, nearestPassages, questionVector, similarityScore } from './semantic';

export interface KnowledgeHit extends FoundPassage {
  /**
   * 0..1, higher is better: full-text rank and trigram similarity combined, and with an
   * embeddings model the similarity of meaning (semantic.ts, fuseRankings).
   */
  score: number;
}

/**
 * How relevant a hit must be for the built-in responder to answer with it: about two thirds of
 * the question's words found in the passage, a close trigram match of a misspelled one, or a
 * passage as close in meaning as EMBEDDINGS_RELEVANT_SIMILARITY says.
 */
export const RELEVANT_SCORE = 0.5;

/** A question longer than this is cut: the words that matter come first, and cost grows with it. */
const QUERY_MAX = 500;

/**
 * Words customers wrap questions in ("I want to know how I can..."), in the three languages:
 * not stopwords to the stemmers, but they say nothing about which article answers, and each
 * one left in lowers the share of the question a right passage explains.
 */
const FILLER = new Set(
  [
    // en
    'hi hello hey please thanks thank help need want would like know tell get can could how',
    'do does did make way something anyone question',
    // pt
    'ola oi bom boa por favor obrigado obrigada ajuda preciso quero queria',
    'gostaria saber como posso pode fazer algum alguem duvida pergunta',
    // es
    'hola buenos buenas gracias ayuda necesito quiero queria quisiera',
    'saber puedo puede hacer alguien pregunta',
  ]
    .join(' ')
    .split(' '),
);

const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The question without its filler words (or as it was, if nothing else is left). */
export function questionWords(query: string): string {
  const text = query.slice(0, QUERY_MAX);
  const kept = text.split(/[^\p{L}\p{N}'-]+/u).filter((w) => w && !FILLER.has(fold(w)));
  return kept.length > 0 ? kept.join(' ') : text.trim();
}

/** The statement searchKnowledge runs (the benchmark runs it raw beside the call). */
export const searchStatement = (
  workspaceId: number,
  chatbotId: number,
  query: string,
  limit: number,
) => sql`select passage_id, article_id, article_uuid, slug, title, text, language, score
  from search_knowledge(${workspaceId}::integer, ${chatbotId}::integer, ${query}::text,
    ${limit}::integer)`;

interface HitRow extends FoundPassageRow, Record<string, unknown> {
  score: number;
}

/** Hits read from each ranking before they are fused: an article one ranks low, the other may not. */
const FUSED_CANDIDATES = 20;

/**
 * The chatbot's collections' best published passages for `query` (any language; accent- and
 * case-folded). With an embeddings model (EMBEDDINGS_MODEL) the question's vector is asked for
 * while the words are searched, then the passages nearest in meaning are fused with the
 * lexical ranking; without one, or when the model fails or is slow, the lexical ranking alone.
 */
export async function searchKnowledge(
  input: { workspaceId: number; chatbotId: number; query: string; limit?: number },
  tx: DbOrTx = db,
): Promise<KnowledgeHit[]> {
  const query = questionWords(input.query);
  if (!query) return [];
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 5), 1), 20);
  const model = embeddingsModel();
  if (!model) return lexicalHits(input.workspaceId, input.chatbotId, query, limit, tx);
  // The words are searched while the question is embedded and its nearest passages read (on
  // another connection of the pool, outside a transaction): the slower side is the wait.
  const [lexical, nearest] = await Promise.all([
    lexicalHits(input.workspaceId, input.chatbotId, query, FUSED_CANDIDATES, tx),
    questionVector(model, input.query.slice(0, QUERY_MAX)).then((vector) =>
      vector
        ? nearestPassages({ ...input, vector, model: model.name, limit: FUSED_CANDIDATES }, tx)
        : null,
    ),
  ]);
  if (!nearest) return lexical.slice(0, limit);
  const semantic = nearest.map(({ similarity, ...hit }) => ({
    ...hit,
    score: similarityScore(similarity),
  }));
  return fuseRankings(lexical, semantic, limit).map(({ hit, score }) => ({
    ...hit,
    score: Math.round(score * 1000) / 1000,
  }));
}

async function lexicalHits(
  workspaceId: number,
  chatbotId: number,
  query: string,
  limit: number,
  tx: DbOrTx,
): Promise<KnowledgeHit[]> {
  const rows = (await tx.execute<HitRow>(
    searchStatement(workspaceId, chatbotId, query, limit),
  )) as unknown as HitRow[];
  return rows.map((r) => ({
    ...foundPassage(r),
    score: Math.round(Number(r.score) * 1000) / 1000,
  }));
}
