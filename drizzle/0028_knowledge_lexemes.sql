CREATE TABLE "knowledge_lexemes" (
	"collection_id" integer NOT NULL,
	"lexeme" text NOT NULL,
	"passages" integer NOT NULL,
	CONSTRAINT "knowledge_lexemes_collection_id_lexeme_pk" PRIMARY KEY("collection_id","lexeme")
);
--> statement-breakpoint
ALTER TABLE "knowledge_collections" ADD COLUMN "passage_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "knowledge_lexemes" ADD CONSTRAINT "knowledge_lexemes_collection_id_knowledge_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."knowledge_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- What the triggers of migration 0030 keep from now on, counted once for the passages there are.
INSERT INTO "knowledge_lexemes" ("collection_id", "lexeme", "passages")
SELECT p."collection_id", l.lexeme, count(*)::integer
FROM "knowledge_passages" p CROSS JOIN LATERAL unnest(tsvector_to_array(p."search")) l(lexeme)
GROUP BY 1, 2;--> statement-breakpoint
UPDATE "knowledge_collections" k SET "passage_count" = n.passages
FROM (SELECT "collection_id", count(*)::integer AS passages FROM "knowledge_passages" GROUP BY 1) n
WHERE k."id" = n."collection_id";
