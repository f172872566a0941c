import type { KnowledgeArticle, KnowledgeCollection } from '../../db/schema';
import type { KnowledgeHit } from '../../services/knowledge/retrieval';
import type { Page } from '../../services/pagination';

/*
 * The knowledge base as the console shows it. The rows carry what only the server uses (the
 * workspace id, the revision counters the index job compares); the console gets named fields,
 * so a column added for search or embeddings never reaches it by accident.
 */

export function consoleCollection(
  c: Pick<KnowledgeCollection, 'id' | 'uuid' | 'name' | 'createdAt' | 'updatedAt'>,
) {
  return {
    id: c.id,
    uuid: c.uuid,
    name: c.name,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** A collection in the list, with how many articles it holds. */
export const consoleCollectionListed = (
  c: Parameters<typeof consoleCollection>[0] & { articleCount: number },
) => ({ ...consoleCollection(c), articleCount: c.articleCount });

type ArticleHead = Omit<KnowledgeArticle, 'body'>;

/** An article without its body, as lists show it. */
export function consoleArticleSummary(a: ArticleHead) {
  return {
    id: a.id,
    uuid: a.uuid,
    collectionId: a.collectionId,
    slug: a.slug,
    title: a.title,
    language: a.language,
    status: a.status,
    source: a.source,
    fileName: a.fileName,
    /** Published, and its newest edit not searchable yet (the index job has not run). */
    indexing: a.status === 'published' && a.indexedRevision !== a.revision,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export const consoleArticle = (a: KnowledgeArticle) => ({
  ...consoleArticleSummary(a),
  body: a.body,
});

export const consoleArticlePage = (page: Page<ArticleHead>) => ({
  ...page,
  data: page.data.map(consoleArticleSummary),
});

/** A passage search found (the "try it" box): what matched, from which article, how well. */
export const consoleHit = (h: KnowledgeHit) => ({
  passageId: h.passageId,
  articleId: h.articleId,
  articleUuid: h.articleUuid,
  slug: h.slug,
  title: h.title,
  text: h.text,
  language: h.language,
  score: h.score,
});
