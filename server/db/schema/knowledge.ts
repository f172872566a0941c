import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { chatbots } from './chatbots';
import { id, publicUuid, timestamps, tstz } from './columns';
import { workspaces } from './workspaces';

/** PostgreSQL's full-text document; built by SQL at index time, never read into JavaScript. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const workspaceId = () =>
  integer()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export const KNOWLEDGE_LANGUAGES = ['en', 'pt', 'es', 'other'] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_SOURCES = ['article', 'document', 'faq'] as const;
export type ArticleSource = (typeof ARTICLE_SOURCES)[number];

/** A named group of articles; chatbots answer from the collections linked to them. */
export const knowledgeCollections = pgTable(
  'knowledge_collections',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    /** Its passages, kept by the triggers that keep knowledge_lexemes. */
    passageCount: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    unique('knowledge_collections_name_unique').on(t.workspaceId, t.name),
    check('knowledge_collections_name_check', sql`char_length(${t.name}) between 1 and 120`),
  ],
);

export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: workspaceId(),
    collectionId: integer()
      .notNull()
      .references(() => knowledgeCollections.id, { onDelete: 'cascade' }),
    slug: text().notNull(),
    title: text().notNull(),
    /** Markdown. */
    body: text().notNull(),
    language: text().$type<KnowledgeLanguage>().notNull().default('other'),
    status: text().$type<ArticleStatus>().notNull().default('draft'),
    source: text().$type<ArticleSource>().notNull().default('article'),
    /** The uploaded file's name, for articles made from a document. */
    fileName: text(),
    /** Bumped on every edit; the index job indexes only the newest. */
    revision: integer().notNull().default(1),
    /** The revision the passages were built from (null: never indexed, or no passages). */
    indexedRevision: integer(),
    ...timestamps,
  },
  (t) => [
    unique('knowledge_articles_slug_unique').on(t.workspaceId, t.slug),
    index('knowledge_articles_collection_idx').on(t.collectionId, t.id),
    check('knowledge_articles_title_check', sql`char_length(${t.title}) between 1 and 200`),
    check('knowledge_articles_body_check', sql`char_length(${t.body}) <= 5242880`),
    check('knowledge_articles_language_check', sql`${t.language} in ('en', 'pt', 'es', 'other')`),
    check('knowledge_articles_status_check', sql`${t.status} in ('draft', 'published')`),
    check('knowledge_articles_source_check', sql`${t.source} in ('article', 'document', 'faq')`),
  ],
);

/** A published article's searchable pieces, replaced whole by the knowledge-index job. */
export const knowledgePassages = pgTable(
  'knowledge_passages',
  {
    id: id(),
    workspaceId: workspaceId(),
    articleId: integer()
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    collectionId: integer().notNull(),
    position: integer().notNull(),
    /** The section's heading; the article's title for the passages before any heading. */
    heading: text().notNull().default(''),
    /** The heading lower-cased, accents removed: what trigram search compares. */
    headingFolded: text().generatedAlwaysAs(sql`kb_fold(heading)`),
    text: text().notNull(),
    language: text().$type<KnowledgeLanguage>().notNull(),
    /** Heading and text, with the article language's configuration (kb_en, kb_pt, ...). */
    search: tsvector().notNull(),
    revision: integer().notNull(),
    /**
     * The passage's vector from the embeddings model (EMBEDDINGS_MODEL), of length 1: a plain
     * array, because the embedded PostgreSQL has no pgvector; search casts it to `vector` where
     * the extension is installed (server/db/functions/search_knowledge_vectors.sql). Null: no
     * model, or not embedded yet (the knowledge-index job's retry fills it).
     */
    embedding: real().array(),
    /** Which model made `embedding` (EmbeddingsModel.name): another model's is made again. */
    embeddingModel: text(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    index('knowledge_passages_search_idx').using('gin', t.search),
    // Accent- and case-folded, so a misspelled or unaccented question still finds the heading.
    index('knowledge_passages_trgm_idx').using('gin', t.headingFolded.op('gin_trgm_ops')),
    index('knowledge_passages_article_idx').on(t.articleId, t.position),
    // The vector search's rows: one workspace's passages of one model. Partial, so the text
    // search (which never names `embedding`) cannot choose it (see below).
    index('knowledge_passages_embedded_idx')
      .on(t.workspaceId, t.embeddingModel)
      .where(sql`embedding is not null`),
    check(
      'knowledge_passages_embedding_check',
      sql`(${t.embedding} is null) = (${t.embeddingModel} is null)`,
    ),
    // No index on collection_id: search filters the rows its text indexes found, and with one
    // the planner intersects a bitmap of every passage (measured: 10-15 ms at 100,000).
  ],
);

/** Which collections a chatbot answers from. */
export const chatbotKnowledge = pgTable(
  'chatbot_knowledge',
  {
    chatbotId: integer()
      .notNull()
      .references(() => chatbots.id, { onDelete: 'cascade' }),
    collectionId: integer()
      .notNull()
      .references(() => knowledgeCollections.id, { onDelete: 'cascade' }),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.chatbotId, t.collectionId] }),
    index('chatbot_knowledge_collection_idx').on(t.collectionId),
  ],
);

/**
 * How many of a collection's passages hold each lexeme, kept by statement triggers on
 * knowledge_passages (count_passage_lexemes.sql): search_knowledge weighs a question's words by
 * how rare they are in the chatbot's own collections. ANALYZE's statistics of the whole table
 * were every workspace's at once, and on a help centre of a hundred passages they made most of
 * its words look common (recall@3 0.56 on the demo once analyzed, 0.98 before any ANALYZE).
 */
export const knowledgeLexemes = pgTable(
  'knowledge_lexemes',
  {
    collectionId: integer()
      .notNull()
      .references(() => knowledgeCollections.id, { onDelete: 'cascade' }),
    lexeme: text().notNull(),
    passages: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.lexeme] })],
);

export type KnowledgeCollection = typeof knowledgeCollections.$inferSelect;
export type KnowledgeArticle = typeof knowledgeArticles.$inferSelect;
export type KnowledgePassage = typeof knowledgePassages.$inferSelect;
