-- A chatbot's published passages nearest in meaning to a question, one per article, best first,
-- with their cosine similarity (-1..1); server/services/knowledge/retrieval.ts fuses them with
-- search_knowledge's. The vectors are of length 1 (server/ai/embeddings.ts), so their dot
-- product is the cosine. Only p_model's vectors are compared (another model's are of another
-- space and size, until the knowledge-index job makes them again), and only vectors as long as
-- the question's.
--
-- * Where the `vector` extension (pgvector) is installed: the cast `embedding::vector(n)` and
--   its inner product `<#>`, computed in C. It reads every vector of the chatbot's collections
--   unless an index on that expression serves the order (docs/operations.md, "Knowledge
--   search by meaning").
-- * Without it (the embedded PostgreSQL has none): the dot product in SQL over every vector of
--   the chatbot's collections, exact, and slower (docs/performance.md, "Knowledge retrieval").
--
-- PL/pgSQL, not SQL: the pgvector statement is run with EXECUTE, so the function exists where
-- the type does not, and a statement's tables and columns are looked up when it first runs.
create or replace function search_knowledge_vectors(
  p_workspace_id integer,
  p_chatbot_id integer,
  p_embedding real[],
  p_model text,
  p_limit integer
) returns table (
  passage_id integer,
  article_id integer,
  article_uuid uuid,
  slug text,
  title text,
  text text,
  language text,
  similarity real
)
  language plpgsql stable
as $$
DECLARE
  v_scope integer[];
  v_dimensions integer := cardinality(p_embedding);
BEGIN
  SELECT array_agg(ck.collection_id) INTO v_scope FROM chatbot_knowledge ck
  JOIN chatbots b ON b.id = ck.chatbot_id
  WHERE ck.chatbot_id = p_chatbot_id AND b.workspace_id = p_workspace_id;
  IF v_scope IS NULL OR coalesce(v_dimensions, 0) = 0 THEN
    RETURN;
  END IF;

  IF to_regtype('vector') IS NOT NULL THEN
    -- The nearest passages by the index's order (several per article, so that one per article
    -- still leaves p_limit), then the best of each article.
    RETURN QUERY EXECUTE format($sql$
      WITH nearest AS (
        SELECT p.id, p.article_id, p.text, p.language, p.position,
          -(p.embedding::vector(%1$s) <#> $1::vector(%1$s)) AS similarity
        FROM knowledge_passages p
        WHERE p.workspace_id = $2 AND p.embedding_model = $3 AND p.embedding IS NOT NULL
          AND cardinality(p.embedding) = %1$s AND p.collection_id = ANY ($4)
        ORDER BY p.embedding::vector(%1$s) <#> $1::vector(%1$s)
        LIMIT $5 * 4
      ), best AS (
        SELECT DISTINCT ON (n.article_id) n.* FROM nearest n
        ORDER BY n.article_id, n.similarity DESC, n.position
      )
      SELECT b.id, a.id, a.uuid, a.slug, a.title, b.text, b.language, b.similarity::real
      FROM best b JOIN knowledge_articles a ON a.id = b.article_id
      WHERE a.status = 'published'
      ORDER BY b.similarity DESC, b.id
      LIMIT $5
    $sql$, v_dimensions)
    USING p_embedding, p_workspace_id, p_model, v_scope, p_limit;
    RETURN;
  END IF;

  RETURN QUERY
  WITH scored AS (
    SELECT p.id, p.article_id, p.text, p.language, p.position,
      (SELECT sum(x.a * x.b) FROM unnest(p.embedding, p_embedding) x(a, b)) AS similarity
    FROM knowledge_passages p
    WHERE p.workspace_id = p_workspace_id AND p.embedding_model = p_model
      AND p.embedding IS NOT NULL AND cardinality(p.embedding) = v_dimensions
      AND p.collection_id = ANY (v_scope)
  ), best AS (
    SELECT DISTINCT ON (s.article_id) s.* FROM scored s
    ORDER BY s.article_id, s.similarity DESC, s.position
  )
  SELECT b.id, a.id, a.uuid, a.slug, a.title, b.text, b.language, b.similarity::real
  FROM best b JOIN knowledge_articles a ON a.id = b.article_id
  WHERE a.status = 'published'
  ORDER BY b.similarity DESC, b.id
  LIMIT p_limit;
END $$;
