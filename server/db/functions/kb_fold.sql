-- Text as the knowledge base compares it for trigram similarity: lower case, accents removed,
-- so "Reembolso", "reembolsó" and "REEMBOLSO" are one word. Immutable (unaccent itself is only
-- stable, because its dictionary could change) so the trigram index on knowledge_passages can
-- be built on it; the dictionary is named with its schema so a search_path cannot swap it.
create or replace function kb_fold(p_text text) returns text
  language sql immutable parallel safe strict as $$
  SELECT lower(public.unaccent('public.unaccent'::regdictionary, p_text))
$$;
