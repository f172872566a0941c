import { QueryClient } from '@tanstack/react-query';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  TRPCClientError,
  type TRPCLink,
  wsLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../server/trpc/root';
import {
  freshAccessToken,
  getAccessToken,
  msUntilExpiry,
  onAccessToken,
  refreshSession,
} from './session';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

// A bad token on these is an answer (wrong password, spent refresh token), not a reason to refresh.
const NO_REFRESH = new Set([
  'auth.config',
  'auth.login',
  'auth.register',
  'auth.refresh',
  'auth.logout',
  'auth.socketToken',
]);

/** On UNAUTHORIZED, renews the session once (shared by concurrent calls) and retries. */
const refreshOnUnauthorized: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) => {
      let subscription: Unsubscribable | undefined;
      let stopped = false;
      let retried = false;
      const attempt = () => {
        const tokenUsed = getAccessToken();
        subscription = next(op).subscribe({
          next: (result) => observer.next(result),
          complete: () => observer.complete(),
          error: (error) => {
            const canRefresh =
              !retried &&
              tokenUsed !== null &&
              op.type !== 'subscription' &&
              !NO_REFRESH.has(op.path) &&
              errorCode(error) === 'UNAUTHORIZED';
            if (!canRefresh) return observer.error(error);
            retried = true;
            void refreshSession(tokenUsed).then((renewed) => {
              if (stopped) return;
              if (renewed) attempt();
              else observer.error(error);
            });
          },
        });
      };
      attempt();
      return () => {
        stopped = true;
        subscription?.unsubscribe();
      };
    });

/** The one WebSocket (subscriptions); lib/connection.ts watches its state. */
export const wsClient = createWSClient({
  url: `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/trpc`,
  // Read when each connection opens, so a reconnect carries the current (renewed) token.
  connectionParams: async () => ({ token: (await freshAccessToken()) ?? '' }),
  // Open the socket only while a subscription needs it (never on the login page).
  lazy: { enabled: true, closeMs: 10_000 },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    refreshOnUnauthorized,
    splitLink({
      // auth.socketToken hands the open socket its new token, so it goes over the socket.
      condition: (op) => op.type === 'subscription' || op.path === 'auth.socketToken',
      true: wsLink({ client: wsClient }),
      false: httpBatchLink({
        url: '/trpc',
        headers: () => {
          const token = getAccessToken();
          return token ? { Authorization: `Bearer ${token}` } : {};
        },
      }),
    }),
  ],
});

// Client errors will not go away by asking again; network errors and 5xx might.
const NO_RETRY = new Set([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TOO_MANY_REQUESTS',
]);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failureCount, error) => failureCount < 2 && !NO_RETRY.has(errorCode(error) ?? ''),
    },
  },
});

/** The tRPC ↔ TanStack Query options proxy (tRPC's recommended singleton setup for a Vite SPA). */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

/**
 * Drops what was cached for the user who just signed out (the next person at this browser must
 * not see it). Call after leaving the signed-in pages, so nothing mounted refetches it without a
 * token. The public auth config stays: the login page is showing it.
 */
export function forgetUserData(): void {
  queryClient.removeQueries({
    predicate: (query) => {
      const path = query.queryKey[0];
      return !(Array.isArray(path) && path.join('.') === 'auth.config');
    },
  });
  // Finished mutations keep their variables, and the login form's include a password.
  queryClient.getMutationCache().clear();
}

// The server closes a socket when its token expires unless it is handed a fresh one; the
// socket (re)opens with a fresh token anyway (connectionParams above).
const RENEW_BEFORE_MS = 60_000;
let renewal: ReturnType<typeof setTimeout> | undefined;

const socketIsOpen = () => wsClient.connectionState.get().state === 'pending';

/** Renews the session shortly before the token expires while the socket is open. */
function scheduleRenewal() {
  clearTimeout(renewal);
  const token = getAccessToken();
  if (!token || !socketIsOpen()) return;
  renewal = setTimeout(
    () => void refreshSession(token),
    Math.max(msUntilExpiry(token) - RENEW_BEFORE_MS, 0),
  );
}

onAccessToken((token) => {
  scheduleRenewal();
  // A refused token leaves the socket as it was; it closes at its own token's expiry and
  // reconnects with the stored one.
  if (socketIsOpen()) void trpcClient.auth.socketToken.mutate({ token }).catch(() => undefined);
});
wsClient.connectionState.subscribe({ next: () => scheduleRenewal() });
