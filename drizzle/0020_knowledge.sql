-- The knowledge base (server/db/schema/knowledge.ts, issue 20): collections of articles, split
-- into passages that full-text and trigram search read, and which collections each chatbot
-- answers from. Every chatbot's FAQ entries become published articles of a collection named
-- after it (the faq column stays: the workspace-admin contract still shows it).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- One configuration per language the articles are written in, each folding accents before its
-- stemmer, so "devolução" and "devolucao" are one lexeme; kb_simple for any other language.
CREATE TEXT SEARCH CONFIGURATION kb_en (COPY = english);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION kb_en ALTER MAPPING FOR hword, hword_part, word
	WITH unaccent, english_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION kb_pt (COPY = portuguese);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION kb_pt ALTER MAPPING FOR asciihword, asciiword, hword_asciipart,
	hword, hword_part, word WITH unaccent, portuguese_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION kb_es (COPY = spanish);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION kb_es ALTER MAPPING FOR asciihword, asciiword, hword_asciipart,
	hword, hword_part, word WITH unaccent, spanish_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION kb_simple (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION kb_simple ALTER MAPPING FOR hword, hword_part, word
	WITH unaccent, simple;
--> statement-breakpoint
-- The same text as server/db/functions/kb_fold.sql (0021 applies the files): the trigram index
-- below is built on it.
create or replace function kb_fold(p_text text) returns text
  language sql immutable parallel safe strict as $$
  SELECT lower(public.unaccent('public.unaccent'::regdictionary, p_text))
$$;
--> statement-breakpoint
CREATE TABLE "knowledge_collections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE,
	"workspace_id" integer NOT NULL REFERENCES "workspaces"("id") ON DELETE cascade,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_collections_name_unique" UNIQUE ("workspace_id", "name"),
	CONSTRAINT "knowledge_collections_name_check" CHECK (char_length("name") between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "knowledge_articles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL UNIQUE,
	"workspace_id" integer NOT NULL REFERENCES "workspaces"("id") ON DELETE cascade,
	"collection_id" integer NOT NULL REFERENCES "knowledge_collections"("id") ON DELETE cascade,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"language" text DEFAULT 'other' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text DEFAULT 'article' NOT NULL,
	"file_name" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"indexed_revision" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_articles_slug_unique" UNIQUE ("workspace_id", "slug"),
	CONSTRAINT "knowledge_articles_title_check" CHECK (char_length("title") between 1 and 200),
	CONSTRAINT "knowledge_articles_body_check" CHECK (char_length("body") <= 200000),
	CONSTRAINT "knowledge_articles_language_check" CHECK ("language" in ('en', 'pt', 'es', 'other')),
	CONSTRAINT "knowledge_articles_status_check" CHECK ("status" in ('draft', 'published')),
	CONSTRAINT "knowledge_articles_source_check" CHECK ("source" in ('article', 'document', 'faq'))
);
--> statement-breakpoint
CREATE INDEX "knowledge_articles_collection_idx" ON "knowledge_articles" ("collection_id", "id");
--> statement-breakpoint
CREATE TABLE "knowledge_passages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"workspace_id" integer NOT NULL REFERENCES "workspaces"("id") ON DELETE cascade,
	"article_id" integer NOT NULL REFERENCES "knowledge_articles"("id") ON DELETE cascade,
	"collection_id" integer NOT NULL,
	"position" integer NOT NULL,
	"heading" text DEFAULT '' NOT NULL,
	"heading_folded" text GENERATED ALWAYS AS (kb_fold("heading")) STORED,
	"text" text NOT NULL,
	"language" text NOT NULL,
	"search" tsvector NOT NULL,
	"revision" integer NOT NULL,
	"embedding" real[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "knowledge_passages_search_idx" ON "knowledge_passages" USING gin ("search");
--> statement-breakpoint
-- Trigrams on the folded heading only (the article's title for the passages before any
-- heading), stored: a recheck over whole passages cost a quarter of a millisecond each, and
-- unaccent at search time most of the rest (docs/performance.md, issue 20).
CREATE INDEX "knowledge_passages_trgm_idx" ON "knowledge_passages"
	USING gin ("heading_folded" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "knowledge_passages_article_idx" ON "knowledge_passages" ("article_id", "position");
--> statement-breakpoint
CREATE TABLE "chatbot_knowledge" (
	"chatbot_id" integer NOT NULL REFERENCES "chatbots"("id") ON DELETE cascade,
	"collection_id" integer NOT NULL REFERENCES "knowledge_collections"("id") ON DELETE cascade,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("chatbot_id", "collection_id")
);
--> statement-breakpoint
CREATE INDEX "chatbot_knowledge_collection_idx" ON "chatbot_knowledge" ("collection_id");
--> statement-breakpoint
-- The FAQ entries, migrated: one collection per chatbot that has any, linked to it, and one
-- published article per entry (title: its first keyword; body: the answer, then its keywords,
-- so they are still searched). Each entry is one passage, written here rather than by the
-- knowledge-index job, so the bot can answer from them before any worker runs; an answer is at
-- most 4,000 characters, and an edit later re-indexes the article with the ordinary split.
-- A collection name already taken gets the chatbot's id appended.
DO $$
DECLARE
	bot record;
	v_collection_id integer;
	v_name text;
BEGIN
	FOR bot IN SELECT id, workspace_id, name, faq FROM chatbots
		WHERE jsonb_typeof(faq) = 'array' AND jsonb_array_length(faq) > 0 ORDER BY id
	LOOP
		v_name := left(bot.name, 110) || ' FAQ';
		IF EXISTS (SELECT 1 FROM knowledge_collections
			WHERE workspace_id = bot.workspace_id AND name = v_name) THEN
			v_name := left(bot.name, 100) || ' FAQ ' || bot.id;
		END IF;
		INSERT INTO knowledge_collections (workspace_id, name) VALUES (bot.workspace_id, v_name)
			RETURNING id INTO v_collection_id;
		INSERT INTO chatbot_knowledge (chatbot_id, collection_id) VALUES (bot.id, v_collection_id);
		WITH entries AS (
			SELECT e.value AS entry, e.ordinality AS n,
				coalesce(nullif(btrim(e.value->'keywords'->>0), ''),
					left(btrim(e.value->>'answer'), 60)) AS title,
				coalesce(e.value->>'answer', '') AS answer,
				coalesce((SELECT string_agg(k, ', ') FROM jsonb_array_elements_text(
					CASE WHEN jsonb_typeof(e.value->'keywords') = 'array'
						THEN e.value->'keywords' ELSE '[]'::jsonb END) k), '') AS keywords
			FROM jsonb_array_elements(bot.faq) WITH ORDINALITY e
			WHERE jsonb_typeof(e.value) = 'object' AND btrim(coalesce(e.value->>'answer', '')) <> ''
		), articles AS (
			INSERT INTO knowledge_articles (workspace_id, collection_id, slug, title, body,
				language, status, source, revision, indexed_revision)
			SELECT bot.workspace_id, v_collection_id,
				'faq-' || bot.id || '-' || n || coalesce('-' || nullif(left(btrim(regexp_replace(
					lower(public.unaccent(title)), '[^a-z0-9]+', '-', 'g'), '-'), 60), ''), ''),
				left(title, 200),
				answer || CASE WHEN keywords <> '' THEN E'\n\nKeywords: ' || keywords ELSE '' END,
				'other', 'published', 'faq', 1, 1
			FROM entries
			RETURNING id, workspace_id, collection_id, title, body
		)
		INSERT INTO knowledge_passages (workspace_id, article_id, collection_id, position, heading,
			text, language, search, revision)
		SELECT workspace_id, id, collection_id, 0, title, body, 'other',
			setweight(to_tsvector('kb_simple', title), 'A') || setweight(to_tsvector('kb_simple', body), 'D'),
			1
		FROM articles;
	END LOOP;
END $$;
