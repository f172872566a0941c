import { and, asc, count, eq, getTableColumns, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import {
  type ARTICLE_SOURCES,
  ARTICLE_STATUSES,
  KNOWLEDGE_LANGUAGES,
  type KnowledgeArticle,
  knowledgeArticles,
  knowledgePassages,
} from '../../db/schema';
import { AppError, isUniqueViolation, notFound } from '../../errors';
import { enqueueJob, jobKey } from '../../queue/enqueue';
import { type EntityRef, parseRef, rowId } from '../ids';
import { likePattern, offsetOf, type Page, pageQuery, toPage } from '../pagination';
import { findCollection } from './collections';

/**
 * The longest body an article keeps (the column's check, migration 0025): as many characters as
 * the largest document has bytes, so every document that can be read fits in one article.
 */
export const ARTICLE_BODY_MAX = 5 * 1024 * 1024;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const articleFields = {
  title: z
    .string()
    .trim()
    .min(1, 'title should not be empty')
    .max(200, 'title must be shorter than or equal to 200 characters'),
  body: z
    .string()
    .max(ARTICLE_BODY_MAX, `body must be shorter than or equal to ${ARTICLE_BODY_MAX} characters`),
  slug: z
    .string()
    .trim()
    .max(100, 'slug must be shorter than or equal to 100 characters')
    .regex(SLUG, 'slug must be lower-case letters, digits and single dashes'),
  language: z.enum(KNOWLEDGE_LANGUAGES),
  status: z.enum(ARTICLE_STATUSES),
};

const collectionRef = z.union([z.string().max(64), rowId]);

export const CreateArticleInput = z.object({
  collectionId: collectionRef,
  title: articleFields.title,
  body: articleFields.body.default(''),
  slug: articleFields.slug.optional(),
  language: articleFields.language.default('other'),
  status: articleFields.status.default('draft'),
});

export const UpdateArticleInput = z.object({
  collectionId: collectionRef.optional(),
  title: articleFields.title.optional(),
  body: articleFields.body.optional(),
  slug: articleFields.slug.optional(),
  language: articleFields.language.optional(),
  status: articleFields.status.optional(),
});

export const ListArticlesInput = z.object({
  collectionId: collectionRef.optional(),
  status: articleFields.status.optional(),
  language: articleFields.language.optional(),
  search: z.string().max(200).optional(),
  ...pageQuery(20),
});

/** What a document upload or an import adds beside the console's fields. */
export interface ArticleOrigin {
  source?: (typeof ARTICLE_SOURCES)[number];
  fileName?: string | null;
}

const slugTaken = () => new AppError('CONFLICT', 'An article with this slug already exists');

/** "Política de reembolso!" → "politica-de-reembolso": what a title reads as in a URL. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}

/** The title's slug, or the first of `slug-2`, `slug-3`... that no article of the workspace has. */
async function freeSlug(workspaceId: number, title: string, tx: DbOrTx): Promise<string> {
  const base = slugOf(title);
  const rows = await tx
    .select({ slug: knowledgeArticles.slug })
    .from(knowledgeArticles)
    .where(
      and(
        eq(knowledgeArticles.workspaceId, workspaceId),
        or(eq(knowledgeArticles.slug, base), ilike(knowledgeArticles.slug, `${base}-%`)),
      ),
    );
  const taken = new Set(rows.map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

const refWhere = (ref: EntityRef) =>
  'id' in ref ? eq(knowledgeArticles.id, ref.id) : eq(knowledgeArticles.uuid, ref.uuid);

export async function findArticle(
  workspaceId: number,
  raw: string | number,
  tx: DbOrTx = db,
): Promise<KnowledgeArticle> {
  const [row] = await tx
    .select()
    .from(knowledgeArticles)
    .where(and(refWhere(parseRef(raw, 'Article')), eq(knowledgeArticles.workspaceId, workspaceId)));
  if (!row) throw notFound('Article');
  return row;
}

export const getArticle = (actor: Actor, ref: string | number, tx: DbOrTx = db) =>
  findArticle(actor.workspaceId, ref, tx);

/** Articles without their bodies (a list can hold many long ones), newest edit first. */
export async function listArticles(
  actor: Actor,
  input: z.input<typeof ListArticlesInput>,
  tx: DbOrTx = db,
): Promise<Page<Omit<KnowledgeArticle, 'body'>>> {
  const query = ListArticlesInput.parse(input);
  const collection =
    query.collectionId === undefined
      ? undefined
      : await findCollection(actor.workspaceId, query.collectionId, tx);
  const where = and(
    eq(knowledgeArticles.workspaceId, actor.workspaceId),
    collection ? eq(knowledgeArticles.collectionId, collection.id) : undefined,
    query.status ? eq(knowledgeArticles.status, query.status) : undefined,
    query.language ? eq(knowledgeArticles.language, query.language) : undefined,
    query.search ? ilike(knowledgeArticles.title, likePattern(query.search)) : undefined,
  );
  const { body: _body, ...columns } = getTableColumns(knowledgeArticles);
  const [rows, [total]] = await Promise.all([
    tx
      .select(columns)
      .from(knowledgeArticles)
      .where(where)
      .orderBy(sql`${knowledgeArticles.updatedAt} desc`, asc(knowledgeArticles.id))
      .limit(query.limit)
      .offset(offsetOf(query.page, query.limit)),
    tx.select({ n: count() }).from(knowledgeArticles).where(where),
  ]);
  return toPage(rows, total?.n ?? 0, query.page, query.limit);
}

/**
 * After an edit, in the edit's transaction: a published article is re-indexed by a job (its
 * old passages answer until the new ones replace them, whole); a draft loses its passages now,
 * so the bot never answers from an article that was taken down.
 */
export async function afterEdit(article: KnowledgeArticle, tx: DbOrTx) {
  if (article.status === 'published') {
    await enqueueJob(
      tx,
      'knowledge-index',
      { articleId: article.id },
      { jobKey: jobKey('knowledge-index', article.id) },
    );
    return;
  }
  await tx.delete(knowledgePassages).where(eq(knowledgePassages.articleId, article.id));
  if (article.indexedRevision !== null) {
    await tx
      .update(knowledgeArticles)
      .set({ indexedRevision: null })
      .where(eq(knowledgeArticles.id, article.id));
    article.indexedRevision = null;
  }
}

export async function createArticle(
  actor: Actor,
  input: z.input<typeof CreateArticleInput>,
  origin: ArticleOrigin = {},
  tx: DbOrTx = db,
): Promise<KnowledgeArticle> {
  requireRole(actor, 'supervisor');
  const data = CreateArticleInput.parse(input);
  return tx.transaction(async (t) => {
    const collection = await findCollection(actor.workspaceId, data.collectionId, t);
    const slug = data.slug ?? (await freeSlug(actor.workspaceId, data.title, t));
    try {
      const [row] = await t
        .insert(knowledgeArticles)
        .values({
          workspaceId: actor.workspaceId,
          collectionId: collection.id,
          slug,
          title: data.title,
          body: data.body,
          language: data.language,
          status: data.status,
          source: origin.source ?? 'article',
          fileName: origin.fileName ?? null,
        })
        .returning();
      await afterEdit(row!, t);
      return row!;
    } catch (err) {
      if (isUniqueViolation(err)) throw slugTaken();
      throw err;
    }
  });
}

export async function updateArticle(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof UpdateArticleInput>,
  tx: DbOrTx = db,
): Promise<KnowledgeArticle> {
  requireRole(actor, 'supervisor');
  const { collectionId, ...patch } = UpdateArticleInput.parse(input);
  return tx.transaction(async (t) => {
    const existing = await findArticle(actor.workspaceId, ref, t);
    const collection =
      collectionId === undefined
        ? undefined
        : await findCollection(actor.workspaceId, collectionId, t);
    if (!collection && Object.values(patch).every((v) => v === undefined)) return existing;
    try {
      const [row] = await t
        .update(knowledgeArticles)
        .set({
          ...patch,
          collectionId: collection?.id,
          revision: sql`${knowledgeArticles.revision} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(knowledgeArticles.id, existing.id))
        .returning();
      // Search scopes passages by collection: a move must not wait for the re-index.
      if (collection && collection.id !== existing.collectionId) {
        await t
          .update(knowledgePassages)
          .set({ collectionId: collection.id })
          .where(eq(knowledgePassages.articleId, existing.id));
      }
      await afterEdit(row!, t);
      return row!;
    } catch (err) {
      if (isUniqueViolation(err)) throw slugTaken();
      throw err;
    }
  });
}

/** Its passages go with it (cascade): search stops finding it when this commits. */
export async function deleteArticle(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const existing = await findArticle(actor.workspaceId, ref, tx);
  await tx.delete(knowledgeArticles).where(eq(knowledgeArticles.id, existing.id));
}
