-- A chatbot's best published passages for a customer's question (server/services/knowledge/
-- retrieval.ts), one per article, best first, with a score in 0..1. No API key needed:
--
-- * Full text: the question is read with every article language's configuration (kb_en, kb_pt,
--   kb_es, kb_simple), since a question's language cannot be told reliably from a few words and
--   a passage's vector holds the lexemes of its own language only. Each lexeme weighs by how
--   rare it is in the chatbot's own collections (-ln of its share of their passages, counted in
--   knowledge_lexemes by triggers; ANALYZE's statistics were every workspace's at once, and on
--   a small help centre made most words look common): the rarest are searched first.
--   Candidates: passages with two of the question's lexemes found in at most 5% of the
--   passages (or 250), or with one found in at most 0.5% (or 25; or the only such one):
--   customers do not write all of the article's words, and one common word alone names
--   thousands of passages. When every lexeme is more common, passages with all of them.
--   Each pair (or single) is its own index scan, rarest first, at most 40 of them, 300
--   rows each and 1,500 in all: one scan of every pair OR'ed checked each posting of every
--   lexeme against the whole query (12-17 ms of 20 at 100,000 passages). The candidates are
--   ranked (ts_rank), the 40 best scored: the cost is bounded at any size.
-- * The score: the share of the question's lexemes a passage holds (under the configuration
--   that explains most of it), a fifth of it for lexemes in the title or heading (weight A).
--   Each lexeme counts once: weighed by rarity, the score fell (right answers 62% → 47% over
--   the evaluation set) because words of the question no passage holds weigh the most; rarity
--   orders the candidate scans instead. Each lexeme is tested with @@ (a binary search in the vector), not by unnesting the vector
--   (0.27 ms a passage).
-- * Trigrams, for a short question (at most 24 characters: a long one's trigrams name most
--   headings, 25-40 ms at 100,000) that no passage explains half of (misspellings, a few words):
--   word_similarity of the folded question to the headings, stored folded (heading_folded,
--   knowledge_passages_trgm_idx), the threshold lowered to 0.3 for this function only; a
--   heading is short, so the recheck is cheap. A passage's score is the better of the two.
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
    -- One array, read once: as a join, the planner repeats each scan once per collection.
    SELECT array_agg(ck.collection_id) AS scope FROM chatbot_knowledge ck
    JOIN chatbots b ON b.id = ck.chatbot_id
    WHERE ck.chatbot_id = p_chatbot_id AND b.workspace_id = p_workspace_id
  ), sizes AS (
    SELECT greatest(coalesce(sum(k.passage_count), 0), 1)::float8 AS n
    FROM knowledge_collections k
    WHERE k.id = ANY ((SELECT scope FROM collections)::integer[])
  ), question AS (
    SELECT DISTINCT c.cfg, l.lexeme
    FROM unnest(array['kb_en', 'kb_pt', 'kb_es', 'kb_simple']) c(cfg)
    CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector(c.cfg::regconfig, p_query))) l(lexeme)
  ), lexemes AS (
    -- How many of the chatbot's own passages hold each lexeme (knowledge_lexemes, kept by
    -- triggers), and its share of them, smoothed so that an absent one is rarer than any.
    SELECT q.cfg, q.lexeme, coalesce(f.passages, 0) AS passages,
      (coalesce(f.passages, 0) + 0.5) / (SELECT n FROM sizes) AS freq
    FROM question q LEFT JOIN LATERAL (
      SELECT sum(greatest(x.passages, 0)) AS passages FROM knowledge_lexemes x
      WHERE x.collection_id = ANY ((SELECT scope FROM collections)::integer[])
        AND x.lexeme = q.lexeme
    ) f ON true
  ), limits AS (
    -- Rare enough to name candidates alone, or in a pair: 0.5% and 5% of the passages, never
    -- fewer than 25 and 250 of them, so a small help centre's every passage with a word counts.
    SELECT greatest(25, 0.005 * n) AS alone, greatest(250, 0.05 * n) AS paired FROM sizes
  ), terms AS (
    SELECT cfg, lexeme, passages, freq, -ln(greatest(least(freq, 0.999), 0.0001)) AS weight,
      quote_literal(lexeme)::tsquery AS anywhere, (quote_literal(lexeme) || ':A')::tsquery AS titled
    FROM lexemes
  ), singles AS (
    -- A lexeme rare enough to name candidates alone (or the question's only informative one).
    SELECT l.cfg, l.lexeme, l.weight FROM terms l
    WHERE l.passages <= (SELECT alone FROM limits) OR (l.passages <= (SELECT paired FROM limits)
      AND NOT EXISTS (SELECT 1 FROM lexemes o WHERE o.cfg = l.cfg AND o.lexeme <> l.lexeme
        AND o.passages <= (SELECT paired FROM limits)))
  ), parts AS (
    -- Two of the question's informative lexemes together (a pair with a single in it would add
    -- nothing), or a single.
    SELECT part, max(weight) AS weight FROM (
      SELECT '(' || quote_literal(a.lexeme) || ' & ' || quote_literal(b.lexeme) || ')' AS part,
        a.weight + b.weight AS weight
      FROM terms a JOIN terms b ON b.cfg = a.cfg AND b.lexeme > a.lexeme
      WHERE a.passages <= (SELECT paired FROM limits) AND b.passages <= (SELECT paired FROM limits)
        AND NOT EXISTS (SELECT 1 FROM singles s
          WHERE s.cfg = a.cfg AND s.lexeme IN (a.lexeme, b.lexeme))
      UNION ALL
      SELECT quote_literal(lexeme), weight FROM singles
    ) x GROUP BY part
  ), queries AS (
    SELECT part::tsquery AS query, weight FROM parts
    UNION ALL
    SELECT ('(' || string_agg(quote_literal(lexeme), ' & ') || ')')::tsquery, sum(weight)
    FROM terms WHERE NOT EXISTS (SELECT 1 FROM parts) GROUP BY cfg
  ), q AS (
    SELECT kb_fold(p_query) AS folded,
      (SELECT string_agg(DISTINCT quote_literal(lexeme), ' | ') FROM lexemes)::tsquery AS ranked
  ), matched AS (
    -- A bound on the rows ranked, whatever the question: the cost of each is reading its
    -- vector from the table.
    SELECT DISTINCT ON (m.id) m.id, m.search
    FROM (
      SELECT m.id, m.search FROM (SELECT * FROM queries ORDER BY weight DESC LIMIT 40) qs
      CROSS JOIN LATERAL (
        SELECT p.id, p.search FROM knowledge_passages p
        WHERE p.search @@ qs.query
          AND p.workspace_id = p_workspace_id
          AND p.collection_id = ANY ((SELECT scope FROM collections)::integer[])
        LIMIT 300
      ) m
      LIMIT 1500
    ) m
  ), by_text AS (
    SELECT m.id FROM matched m, q
    ORDER BY ts_rank(m.search, q.ranked) DESC
    LIMIT 40
  ), text_scored AS (
    SELECT p.id, p.article_id, p.text, p.language, p.position, p.heading,
      coalesce((SELECT max(x.score) FROM (
        SELECT (0.8 * count(*) FILTER (WHERE p.search @@ t.anywhere)
          + 0.2 * count(*) FILTER (WHERE p.search @@ t.titled))::float8 / count(*) AS score
        FROM terms t GROUP BY t.cfg) x), 0) AS score
    FROM knowledge_passages p
    WHERE p.id IN (SELECT id FROM by_text)
  ), text_best AS (
    -- The best fifteen, read again as text: how closely some stretch of the passage says what
    -- the question says (word_similarity), for questions whose words the stemmers split apart.
    SELECT t.id, t.article_id, t.text, t.language, t.position,
      greatest(t.score, word_similarity(q.folded, kb_fold(t.heading || ' ' || t.text))) AS score
    FROM (SELECT * FROM text_scored ORDER BY score DESC LIMIT 15) t, q
  ), by_trigram AS (
    SELECT c.id, c.article_id, c.text, c.language, c.position,
      word_similarity(q.folded, c.heading_folded) AS score
    FROM (
      -- Bounded as the text candidates are: a common word's trigrams name thousands of headings.
      SELECT p.id, p.article_id, p.text, p.language, p.position, p.heading_folded
      FROM knowledge_passages p, q
      WHERE length(q.folded) BETWEEN 3 AND 24 AND p.heading_folded %> q.folded
        AND p.workspace_id = p_workspace_id
        AND p.collection_id = ANY ((SELECT scope FROM collections)::integer[])
        AND NOT EXISTS (SELECT 1 FROM text_best WHERE text_best.score >= 0.5)
      LIMIT 300
    ) c, q
    ORDER BY 6 DESC
    LIMIT 40
  ), scored AS (
    SELECT id, article_id, text, language, position, score FROM text_best
    UNION ALL
    SELECT id, article_id, text, language, position, score FROM by_trigram
  ), best AS (
    SELECT DISTINCT ON (s.article_id) s.* FROM scored s
    ORDER BY s.article_id, s.score DESC, s.position
  )
  SELECT b.id, a.id, a.uuid, a.slug, a.title, b.text, b.language, b.score::real
  FROM best b JOIN knowledge_articles a ON a.id = b.article_id
  WHERE a.status = 'published'
  ORDER BY b.score DESC, b.id
  LIMIT p_limit
$$;
