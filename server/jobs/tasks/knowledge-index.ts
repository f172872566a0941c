import type { Task } from 'graphile-worker';
import { tasks } from '../../queue/tasks';
import { indexArticle } from '../../services/knowledge/indexing';

/**
 * Rebuilds one knowledge article's passages (enqueued by every edit, in the edit's transaction)
 * and, with an embeddings model, their vectors. When the model fails the passages are indexed
 * by their words and the job fails (EmbeddingsUnavailable), so its retry makes the vectors.
 */
export const knowledgeIndex: Task = async (payload, helpers) => {
  const { articleId } = tasks.knowledgeIndex.payload.parse(payload);
  const result = await indexArticle(articleId);
  if (result.outcome === 'indexed') {
    helpers.logger.debug(`article ${articleId}: ${result.passages} passage(s) indexed`);
  }
};
