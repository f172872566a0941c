/**
 * A passage as a search finds it, by words (retrieval.ts) or by meaning (semantic.ts,
 * vector-memory.ts): the fields both rankings answer, read from their SQL rows one way.
 */
export interface FoundPassage {
  passageId: number;
  articleId: number;
  articleUuid: string;
  slug: string;
  title: string;
  text: string;
  language: string;
}

/** The columns search_knowledge and search_knowledge_vectors answer for a passage. */
export interface FoundPassageRow {
  passage_id: number;
  article_id: number;
  article_uuid: string;
  slug: string;
  title: string;
  text: string;
  language: string;
}

export const foundPassage = (r: FoundPassageRow): FoundPassage => ({
  passageId: r.passage_id,
  articleId: r.article_id,
  articleUuid: r.article_uuid,
  slug: r.slug,
  title: r.title,
  text: r.text,
  language: r.language,
});
