import { createRouter } from '@tanstack/react-router';
import { queryClient, trpc } from './lib/trpc';
import { routeTree } from './routeTree.gen';

export interface RouterContext {
  queryClient: typeof queryClient;
  trpc: typeof trpc;
}

export const router = createRouter({
  routeTree,
  context: { queryClient, trpc } satisfies RouterContext,
  defaultPreload: 'intent',
  // Loaders only warm TanStack Query's cache, which decides freshness itself.
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
