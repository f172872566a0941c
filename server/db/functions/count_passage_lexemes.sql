-- Keeps knowledge_lexemes and knowledge_collections.passage_count in step with the passages
-- (statement triggers on knowledge_passages, migration 0030): a statement that inserts, deletes
-- or moves passages (another collection, another search vector; an embedding written changes
-- neither) adds and subtracts their lexemes per collection. The collections' rows are updated
-- first, so writers of one collection take its lexemes one transaction at a time, and lexemes
-- are written in key order: no deadlock between them. A lexeme left in no passage keeps its row
-- at 0, which the search reads as absent.
create or replace function count_passage_lexemes() returns trigger
  language plpgsql as $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE knowledge_collections k SET passage_count = k.passage_count + c.n
    FROM (SELECT collection_id, count(*)::integer AS n FROM new_passages GROUP BY 1 ORDER BY 1) c
    WHERE k.id = c.collection_id;
    INSERT INTO knowledge_lexemes AS k (collection_id, lexeme, passages)
    SELECT p.collection_id, l.lexeme, count(*)::integer FROM new_passages p
    CROSS JOIN LATERAL unnest(tsvector_to_array(p.search)) l(lexeme)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (collection_id, lexeme) DO UPDATE SET passages = k.passages + excluded.passages;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE knowledge_collections k SET passage_count = greatest(k.passage_count - c.n, 0)
    FROM (SELECT collection_id, count(*)::integer AS n FROM old_passages GROUP BY 1 ORDER BY 1) c
    WHERE k.id = c.collection_id;
    UPDATE knowledge_lexemes k SET passages = greatest(k.passages - c.n, 0)
    FROM (SELECT p.collection_id, l.lexeme, count(*)::integer AS n FROM old_passages p
      CROSS JOIN LATERAL unnest(tsvector_to_array(p.search)) l(lexeme)
      GROUP BY 1, 2 ORDER BY 1, 2) c
    WHERE k.collection_id = c.collection_id AND k.lexeme = c.lexeme;
  ELSE
    UPDATE knowledge_collections k SET passage_count = greatest(k.passage_count + c.n, 0)
    FROM (SELECT collection_id, sum(n)::integer AS n FROM (
        SELECT o.collection_id, -1 AS n FROM old_passages o JOIN new_passages p ON p.id = o.id
        WHERE p.collection_id IS DISTINCT FROM o.collection_id
        UNION ALL
        SELECT p.collection_id, 1 FROM old_passages o JOIN new_passages p ON p.id = o.id
        WHERE p.collection_id IS DISTINCT FROM o.collection_id
      ) moved GROUP BY 1 ORDER BY 1) c
    WHERE k.id = c.collection_id;
    INSERT INTO knowledge_lexemes AS k (collection_id, lexeme, passages)
    SELECT collection_id, lexeme, sum(n)::integer FROM (
      SELECT o.collection_id, l.lexeme, -1 AS n
      FROM old_passages o JOIN new_passages p ON p.id = o.id
      CROSS JOIN LATERAL unnest(tsvector_to_array(o.search)) l(lexeme)
      WHERE p.collection_id IS DISTINCT FROM o.collection_id OR p.search IS DISTINCT FROM o.search
      UNION ALL
      SELECT p.collection_id, l.lexeme, 1
      FROM old_passages o JOIN new_passages p ON p.id = o.id
      CROSS JOIN LATERAL unnest(tsvector_to_array(p.search)) l(lexeme)
      WHERE p.collection_id IS DISTINCT FROM o.collection_id OR p.search IS DISTINCT FROM o.search
    ) changed GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
    ON CONFLICT (collection_id, lexeme) DO UPDATE
      SET passages = greatest(k.passages + excluded.passages, 0);
  END IF;
  RETURN NULL;
END $$;
