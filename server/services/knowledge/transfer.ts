import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import {
  ARTICLE_SOURCES,
  knowledgeArticles,
  knowledgeCollections,
  knowledgePassages,
} from '../../db/schema';
import { afterEdit, articleFields, slugOf } from './articles';
import { collectionName } from './collections';

/** The file format of a workspace's knowledge: what export writes and import reads. */
export const KNOWLEDGE_FORMAT = 'support-inbox/knowledge' as const;

const ImportedArticle = z.object({
  slug: articleFields.slug.optional(),
  title: articleFields.title,
  body: articleFields.body,
  language: articleFields.language.default('other'),
  status: articleFields.status.default('published'),
  source: z.enum(ARTICLE_SOURCES).default('article'),
  fileName: z.string().trim().min(1).max(255).nullable().optional(),
});

export const KnowledgeFile = z
  .object({
    format: z.literal(KNOWLEDGE_FORMAT),
    version: z.literal(1),
    collections: z
      .array(z.object({ name: collectionName, articles: z.array(ImportedArticle).max(5000) }))
      .max(500),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of file.collections.entries()) {
      for (const [j, a] of c.articles.entries()) {
        const slug = a.slug ?? slugOf(a.title);
        if (seen.has(slug)) {
          ctx.addIssue({
            code: 'custom',
            path: ['collections', i, 'articles', j, 'slug'],
            message: `slug "${slug}" appears twice in the file`,
          });
        }
        seen.add(slug);
      }
    }
  });

export type KnowledgeFile = z.infer<typeof KnowledgeFile>;

/** Every collection and article of the workspace, drafts included, in a file import reads back. */
export async function exportKnowledge(actor: Actor, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const collections = await tx
    .select()
    .from(knowledgeCollections)
    .where(eq(knowledgeCollections.workspaceId, actor.workspaceId))
    .orderBy(asc(knowledgeCollections.name));
  const articles = await tx
    .select()
    .from(knowledgeArticles)
    .where(eq(knowledgeArticles.workspaceId, actor.workspaceId))
    .orderBy(asc(knowledgeArticles.id));
  return {
    format: KNOWLEDGE_FORMAT,
    version: 1 as const,
    collections: collections.map((c) => ({
      name: c.name,
      articles: articles
        .filter((a) => a.collectionId === c.id)
        .map((a) => ({
          slug: a.slug,
          title: a.title,
          body: a.body,
          language: a.language,
          status: a.status,
          source: a.source,
          fileName: a.fileName,
        })),
    })),
  };
}

/**
 * Reads a knowledge file into the workspace in one transaction: collections by name (made when
 * missing), articles by slug (an existing one is updated, a new revision, and moved into the
 * file's collection). A file that does not parse changes nothing: a 400 naming each field.
 */
export async function importKnowledge(actor: Actor, input: unknown, tx: DbOrTx = db) {
  requireRole(actor, 'supervisor');
  const file = KnowledgeFile.parse(input);
  return tx.transaction(async (t) => {
    let created = 0;
    let updated = 0;
    for (const entry of file.collections) {
      await t
        .insert(knowledgeCollections)
        .values({ workspaceId: actor.workspaceId, name: entry.name })
        .onConflictDoNothing();
      const [collection] = await t
        .select()
        .from(knowledgeCollections)
        .where(
          and(
            eq(knowledgeCollections.workspaceId, actor.workspaceId),
            eq(knowledgeCollections.name, entry.name),
          ),
        );
      const slugs = entry.articles.map((a) => a.slug ?? slugOf(a.title));
      const existing = new Map(
        slugs.length === 0
          ? []
          : (
              await t
                .select({ id: knowledgeArticles.id, slug: knowledgeArticles.slug })
                .from(knowledgeArticles)
                .where(
                  and(
                    eq(knowledgeArticles.workspaceId, actor.workspaceId),
                    inArray(knowledgeArticles.slug, slugs),
                  ),
                )
            ).map((r) => [r.slug, r.id]),
      );
      for (const [i, article] of entry.articles.entries()) {
        const slug = slugs[i]!;
        const fields = {
          collectionId: collection!.id,
          title: article.title,
          body: article.body,
          language: article.language,
          status: article.status,
          source: article.source,
          fileName: article.fileName ?? null,
        };
        const id = existing.get(slug);
        const [row] = id
          ? await t
              .update(knowledgeArticles)
              .set({
                ...fields,
                revision: sql`${knowledgeArticles.revision} + 1`,
                updatedAt: new Date(),
              })
              .where(eq(knowledgeArticles.id, id))
              .returning()
          : await t
              .insert(knowledgeArticles)
              .values({ ...fields, workspaceId: actor.workspaceId, slug })
              .returning();
        if (id) updated++;
        else created++;
        // Search scopes passages by collection: a move must not wait for the re-index.
        if (id) {
          await t
            .update(knowledgePassages)
            .set({ collectionId: row!.collectionId })
            .where(eq(knowledgePassages.articleId, row!.id));
        }
        await afterEdit(row!, t);
      }
    }
    return { collections: file.collections.length, created, updated };
  });
}
