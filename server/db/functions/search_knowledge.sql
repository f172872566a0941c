-- A chatbot's best published passages for a customer's question (server/services/knowledge/
-- retrieval.ts), one per article, best first, with a score in 0..1. No API key needed:
--
-- * Full text: the question is read with every article language's configuration (kb_en, kb_pt,
--   kb_es, kb_simple), since a question's language cannot be told reliably from a few words and
--   a passage's vector holds the lexemes of its own language only. Any lexeme may match (OR):
--   customers do not write the article's words, and AND would drop every passage that lacks one
--   of them. The full-text score is the share of the question's lexemes the passage has (under
--   the configuration that explains most of them), a fifth of it for those in the title or
--   heading (weight A).
-- * Trigrams, for short or misspelled questions: word_similarity of the folded question to the
--   passage's folded heading and text (the index knowledge_passages_trgm_idx), with the
--   threshold lowered to 0.3 for this function only, so "reembolos" still finds "reembolso".
--
-- A passage's score is the better of the two. Candidates are the 40 best of each kind, so the
-- cost does not grow with the matches (docs/performance.md, issue 20).
create or replace function search_knowledge(
  p_workspace_id integer,
  p_chatbot_id integer,
  p_query text,
  p_limit integer
) returns table (
  passage_id integer,
  article_id integer,
  article_uuid uuid,
  slug text,
  title text,
  text text,
  language text,
  score real
)
  language sql stable
  set pg_trgm.word_similarity_threshold = 0.3
as $$
  WITH collections AS (
    SELECT ck.collection_id FROM chatbot_knowledge ck
    JOIN chatbots b ON b.id = ck.chatbot_id
    WHERE ck.chatbot_id = p_chatbot_id AND b.workspace_id = p_workspace_id
  ), terms AS (
    SELECT c.cfg, array(SELECT DISTINCT unnest(tsvector_to_array(
      to_tsvector(c.cfg::regconfig, p_query)))) AS lexemes
    FROM unnest(array['kb_en', 'kb_pt', 'kb_es', 'kb_simple']) c(cfg)
  ), q AS (
    SELECT kb_fold(p_query) AS folded,
      (SELECT string_agg(DISTINCT quote_literal(l), ' | ') FROM terms, unnest(terms.lexemes) l)
        ::tsquery AS any_lexeme
  ), by_text AS (
    SELECT p.id FROM knowledge_passages p, q
    WHERE q.any_lexeme IS NOT NULL AND p.search @@ q.any_lexeme
      AND p.workspace_id = p_workspace_id
      AND p.collection_id IN (SELECT collection_id FROM collections)
    ORDER BY ts_rank_cd(p.search, q.any_lexeme) DESC
    LIMIT 40
  ), by_trigram AS (
    SELECT p.id FROM knowledge_passages p, q
    WHERE length(q.folded) >= 3 AND kb_fold(p.heading || ' ' || p.text) %> q.folded
      AND p.workspace_id = p_workspace_id
      AND p.collection_id IN (SELECT collection_id FROM collections)
    ORDER BY word_similarity(q.folded, kb_fold(p.heading || ' ' || p.text)) DESC
    LIMIT 40
  ), scored AS (
    SELECT p.id, p.article_id, p.text, p.language, p.position,
      greatest(
        coalesce((
          SELECT max((0.8 * (SELECT count(*) FROM unnest(t.lexemes) l WHERE l = ANY (v.every))
            + 0.2 * (SELECT count(*) FROM unnest(t.lexemes) l WHERE l = ANY (v.titled)))
            / cardinality(t.lexemes))
          FROM terms t,
            LATERAL (SELECT tsvector_to_array(p.search) AS every,
              tsvector_to_array(ts_filter(p.search, '{a}')) AS titled) v
          WHERE cardinality(t.lexemes) > 0
        ), 0),
        word_similarity(q.folded, kb_fold(p.heading || ' ' || p.text))
      )::real AS score
    FROM knowledge_passages p, q
    WHERE p.id IN (SELECT id FROM by_text UNION SELECT id FROM by_trigram)
  ), best AS (
    SELECT DISTINCT ON (s.article_id) s.* FROM scored s
    ORDER BY s.article_id, s.score DESC, s.position
  )
  SELECT b.id, a.id, a.uuid, a.slug, a.title, b.text, b.language, b.score
  FROM best b JOIN knowledge_articles a ON a.id = b.article_id
  WHERE a.status = 'published'
  ORDER BY b.score DESC, b.id
  LIMIT p_limit
$$;
