import type { Task } from 'graphile-worker';
import { tasks } from '../../queue/tasks';
import { indexArticle } from '../../services/knowledge/indexing';

/** Rebuilds one knowledge article's passages (enqueued by every edit, in the edit's transaction). */
export const knowledgeIndex: Task = async (payload, helpers) => {
  const { articleId } = tasks.knowledgeIndex.payload.parse(payload);
  const result = await indexArticle(articleId);
  if (result.outcome === 'indexed') {
    helpers.logger.debug(`article ${articleId}: ${result.passages} passage(s) indexed`);
  }
};
