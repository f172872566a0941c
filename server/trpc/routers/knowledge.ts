import { z } from 'zod';
import { findChatbot } from '../../services/chatbots';
import { rowId } from '../../services/ids';
import * as articles from '../../services/knowledge/articles';
import * as links from '../../services/knowledge/chatbot-collections';
import * as collections from '../../services/knowledge/collections';
import { UploadDocumentInput, uploadDocument } from '../../services/knowledge/documents';
import { searchKnowledge } from '../../services/knowledge/retrieval';
import { exportKnowledge, importKnowledge, KnowledgeFile } from '../../services/knowledge/transfer';
import { authedProcedure, router, supervisorProcedure } from '../init';
import {
  consoleArticle,
  consoleArticlePage,
  consoleCollection,
  consoleCollectionListed,
  consoleHit,
} from '../presenters/knowledge';

/** A row named by its integer id or its uuid, as the other console routers take them. */
const ref = z.union([z.string().max(64), rowId]);

const collectionsRouter = router({
  list: authedProcedure.query(async ({ ctx }) =>
    (await collections.listCollections(ctx.actor)).map(consoleCollectionListed),
  ),
  create: supervisorProcedure
    .input(collections.CollectionInput)
    .mutation(async ({ ctx, input }) =>
      consoleCollection(await collections.createCollection(ctx.actor, input)),
    ),
  rename: supervisorProcedure
    .input(z.object({ id: ref, name: collections.collectionName }))
    .mutation(async ({ ctx, input }) =>
      consoleCollection(
        await collections.renameCollection(ctx.actor, input.id, { name: input.name }),
      ),
    ),
  delete: supervisorProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await collections.deleteCollection(ctx.actor, input.id);
    return { ok: true as const };
  }),
});

const articlesRouter = router({
  list: authedProcedure
    .input(articles.ListArticlesInput)
    .query(async ({ ctx, input }) =>
      consoleArticlePage(await articles.listArticles(ctx.actor, input)),
    ),
  get: authedProcedure
    .input(z.object({ id: ref }))
    .query(async ({ ctx, input }) =>
      consoleArticle(await articles.getArticle(ctx.actor, input.id)),
    ),
  create: supervisorProcedure
    .input(articles.CreateArticleInput)
    .mutation(async ({ ctx, input }) =>
      consoleArticle(await articles.createArticle(ctx.actor, input)),
    ),
  update: supervisorProcedure
    .input(z.object({ id: ref, patch: articles.UpdateArticleInput }))
    .mutation(async ({ ctx, input }) =>
      consoleArticle(await articles.updateArticle(ctx.actor, input.id, input.patch)),
    ),
  /**
   * A Markdown, text, HTML or PDF file as base64, read whole into one article (a 400 if it
   * cannot be). tRPC's 1 MB body holds files up to about 750 KB; the console sends its files to
   * `POST /api/knowledge/collections/:id/documents` (server/http/knowledge-uploads.ts) instead.
   */
  upload: supervisorProcedure
    .input(UploadDocumentInput)
    .mutation(async ({ ctx, input }) => consoleArticle(await uploadDocument(ctx.actor, input))),
  delete: supervisorProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await articles.deleteArticle(ctx.actor, input.id);
    return { ok: true as const };
  }),
});

/** Which collections each chatbot answers from. */
const chatbotsRouter = router({
  get: authedProcedure
    .input(z.object({ chatbotId: ref }))
    .query(({ ctx, input }) => links.chatbotCollections(ctx.actor, input.chatbotId)),
  set: supervisorProcedure
    .input(
      z.object({
        chatbotId: ref,
        collectionIds: links.SetChatbotCollectionsInput.shape.collectionIds,
      }),
    )
    .mutation(({ ctx, input }) =>
      links.setChatbotCollections(ctx.actor, input.chatbotId, {
        collectionIds: input.collectionIds,
      }),
    ),
});

/** Agents read the knowledge base; supervisors and admins write it. */
export const knowledgeRouter = router({
  collections: collectionsRouter,
  articles: articlesRouter,
  chatbots: chatbotsRouter,
  /** What a chatbot would find for a question: the console's "try it" box. */
  search: authedProcedure
    .input(
      z.object({
        chatbotId: ref,
        query: z.string().trim().min(1).max(500),
        limit: z.number().int().min(1).max(20).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const chatbot = await findChatbot(ctx.actor.workspaceId, input.chatbotId);
      const hits = await searchKnowledge({
        workspaceId: ctx.actor.workspaceId,
        chatbotId: chatbot.id,
        query: input.query,
        limit: input.limit,
      });
      return hits.map(consoleHit);
    }),
  export: supervisorProcedure.query(({ ctx }) => exportKnowledge(ctx.actor)),
  import: supervisorProcedure
    .input(KnowledgeFile)
    .mutation(({ ctx, input }) => importKnowledge(ctx.actor, input)),
});
