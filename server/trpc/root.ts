import { createCallerFactory, router } from './init';
import { apiKeysRouter } from './routers/api-keys';
import { assignmentRouter } from './routers/assignment';
import { authRouter } from './routers/auth';
import { botTestsRouter } from './routers/bot-tests';
import { botToolsRouter } from './routers/bot-tools';
import { cannedResponsesRouter } from './routers/canned-responses';
import { chatbotsRouter } from './routers/chatbots';
import { checklistRouter } from './routers/checklist';
import { conversationsRouter } from './routers/conversations';
import { copilotRouter } from './routers/copilot';
import { accountsRouter, catalogRouter, contactsRouter, tagsRouter } from './routers/crm';
import { csatRouter } from './routers/csat';
import { flowsRouter } from './routers/flows';
import { integrationsRouter } from './routers/integrations';
import { knowledgeRouter } from './routers/knowledge';
import { notesRouter } from './routers/notes';
import { realtimeRouter } from './routers/realtime';
import { searchRouter } from './routers/search';
import { statsRouter } from './routers/stats';
import { timelineRouter } from './routers/timeline';
import { usersRouter } from './routers/users';
import { widgetIdentityRouter } from './routers/widget-identity';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  chatbots: chatbotsRouter,
  botTools: botToolsRouter,
  integrations: integrationsRouter,
  tags: tagsRouter,
  catalog: catalogRouter,
  contacts: contactsRouter,
  accounts: accountsRouter,
  conversations: conversationsRouter,
  realtime: realtimeRouter,
  assignment: assignmentRouter,
  apiKeys: apiKeysRouter,
  stats: statsRouter,
  widgetIdentity: widgetIdentityRouter,
  knowledge: knowledgeRouter,
  copilot: copilotRouter,
  flows: flowsRouter,
  botTests: botTestsRouter,
  notes: notesRouter,
  cannedResponses: cannedResponsesRouter,
  search: searchRouter,
  timeline: timelineRouter,
  checklist: checklistRouter,
  csat: csatRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
