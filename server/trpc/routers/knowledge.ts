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

/** A row named by its integer id or its uuid, as the other console routers take them. */
const ref = z.union([z.string().max(64), rowId]);

const collectionsRouter = router({
  list: authedProcedure.query(({ ctx }) => collections.listCollections(ctx.actor)),
  create: supervisorProcedure
    .input(collections.CollectionInput)
    .mutation(({ ctx, input }) => collections.createCollection(ctx.actor, input)),
  rename: supervisorProcedure
    .input(z.object({ id: ref, name: collections.collectionName }))
    .mutation(({ ctx, input }) =>
      collections.renameCollection(ctx.actor, input.id, { name: input.name }),
    ),
  delete: supervisorProcedure.input(z.object({ id: ref })).mutation(async ({ ctx, input }) => {
    await collections.deleteCollection(ctx.actor, input.id);
    return { ok: true as const };
  }),
});

const articlesRouter = router({
  list: authedProcedure
    .input(articles.ListArticlesInput)
    .query(({ ctx, input }) => articles.listArticles(ctx.actor, input)),
  get: authedProcedure
    .input(z.object({ id: ref }))
    .query(({ ctx, input }) => articles.getArticle(ctx.actor, input.id)),
  create: supervisorProcedure
    .input(articles.CreateArticleInput)
    .mutation(({ ctx, input }) => articles.createArticle(ctx.actor, input)),
  update: supervisorProcedure
    .input(z.object({ id: ref, patch: articles.UpdateArticleInput }))
    .mutation(({ ctx, input }) => articles.updateArticle(ctx.actor, input.id, input.patch)),
  /** A Markdown, text, HTML or PDF file, read whole into one article (a 400 if it cannot be). */
  upload: supervisorProcedure
    .input(UploadDocumentInput)
    .mutation(({ ctx, input }) => uploadDocument(ctx.actor, input)),
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
      return searchKnowledge({
        workspaceId: ctx.actor.workspaceId,
        chatbotId: chatbot.id,
        query: input.query,
        limit: input.limit,
      });
    }),
  export: supervisorProcedure.query(({ ctx }) => exportKnowledge(ctx.actor)),
  import: supervisorProcedure
    .input(KnowledgeFile)
    .mutation(({ ctx, input }) => importKnowledge(ctx.actor, input)),
});
