import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express, { type Express } from 'express';
import { botInboxRest } from '../contracts/bot-inbox';
import { webhooksRest } from '../contracts/channel-webhooks';
import {
  messageSendRoute,
  platformConversationsRest,
  platformMessagesRest,
  widgetRest,
} from '../contracts/chatbot-platform';
import { errorBody, nestErrorHandler, notFoundHandler } from '../contracts/common/nest-errors';
import { crmRest } from '../contracts/crm';
import { directChatRest } from '../contracts/direct-chat';
import { authRest, chatbotsRest, usersRest } from '../contracts/workspace-admin';
import { logger } from '../logger';
import { jsonBody, trpcBody } from '../request/body';
import { trustProxy } from '../request/client-ip';
import { requestLog } from '../request/log';
import { createContext } from '../trpc/context';
import { appRouter } from '../trpc/root';
import { consoleRouter } from './console';
import { filesRest } from './files';
import { knowledgeUploadsRest } from './knowledge-uploads';
import { warmWidgetScript, widgetAssets } from './widget-assets';
import { widgetFilesRest } from './widget-files';
import { widgetSurveyRest } from './widget-survey';

export interface HealthState {
  ready: boolean;
  database: 'starting' | 'up' | 'down';
  worker: 'starting' | 'running' | 'stopped' | 'disabled';
  /** Asked on every /healthz once ready: a database that does not answer makes it a 503. */
  databaseAnswers?: () => Promise<boolean>;
}

export function createApp(health: HealthState, options: { api: boolean } = { api: true }): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip and req.protocol believe X-Forwarded-* only from proxies TRUST_PROXY names.
  app.set('trust proxy', trustProxy);
  // The API's JSON is not cached by clients; hashing every response for an ETag is wasted work
  // (the console's static files keep theirs: serve-static sets its own).
  app.set('etag', false);
  app.use(requestLog);

  app.get('/healthz', async (_req, res) => {
    const answers = health.ready && (await (health.databaseAnswers?.() ?? true));
    const database = health.ready ? (answers ? 'up' : 'down') : health.database;
    const ok = health.ready && answers;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : health.ready ? 'unavailable' : 'starting',
      database,
      worker: health.worker,
    });
  });
  app.use((_req, res, next) => {
    if (health.ready) return next();
    res.status(503).json(errorBody(503, 'The server is starting; try again shortly'));
  });
  if (!options.api) return app;
  // The send's other forms (message-send.ts serves the plain one): ahead of fifteen routers.
  app.post('/messages/send', ...messageSendRoute);
  // Bundled now, off the event loop, so the first page's /widget.js need not wait for esbuild.
  warmWidgetScript();

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext,
      middleware: trpcBody,
      onError: ({ error, path, ctx }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          logger.error(
            { err: error.cause ?? error, path, requestId: ctx?.requestId },
            'trpc error',
          );
        }
      },
    }),
  );
  app.use(widgetAssets);
  // Before the console's pages: a browser's navigation to a signed link gets the file.
  app.use(filesRest);
  // A visitor's upload is a file past the JSON reader's 1 MB, as an agent's is.
  app.use(widgetFilesRest);
  app.use(widgetSurveyRest);
  app.use(consoleRouter());
  // Seed 004 reads its own bodies (with the same jsonBody), so that even a malformed one is
  // answered in its Laravel format; webhooks read theirs as bytes for the signature.
  app.use(directChatRest);
  app.use(webhooksRest);
  // A document's bytes, up to 5 MB: read by its route, past the JSON reader's 1 MB.
  app.use(knowledgeUploadsRest);
  app.use(jsonBody);
  app.use(widgetRest, authRest, usersRest, chatbotsRest);
  app.use(platformConversationsRest, platformMessagesRest, botInboxRest, crmRest);
  app.use(notFoundHandler);
  app.use(nestErrorHandler);
  return app;
}
