import { createCallerFactory, router } from './init';
import { authRouter } from './routers/auth';
import { chatbotsRouter } from './routers/chatbots';
import { integrationsRouter } from './routers/integrations';
import { usersRouter } from './routers/users';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  chatbots: chatbotsRouter,
  integrations: integrationsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
