import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/trpc/root';

export type Session = inferRouterOutputs<AppRouter>['auth']['login'];
export type SessionUser = Session['user'];

const STORAGE_KEY = 'support-inbox.session';

// Refresh and logout use their own plain client: the main client retries through
// refreshSession(), so routing these calls through it could recurse.
const authClient = createTRPCClient<AppRouter>({
  links: [httpLink({ url: '/trpc' })],
});

// Read on every call rather than cached, so a refresh done in another tab is seen here.
export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getAccessToken(): string | null {
  return getSession()?.accessToken ?? null;
}

const tokenListeners = new Set<(accessToken: string) => void>();

/**
 * Calls `listener` with every new access token: renewed here or in another tab (the open
 * WebSocket must be handed it, or the server closes the socket when its token expires).
 */
export function onAccessToken(listener: (accessToken: string) => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

function announceToken() {
  const token = getAccessToken();
  if (token) for (const listener of tokenListeners) listener(token);
}

window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY) announceToken();
});

export function setSession(session: Session): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  announceToken();
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
}

let onExpired: () => void = () => window.location.assign('/login');

/** What to do once the session cannot be renewed (main.tsx routes to /login). */
export function setSessionExpiredHandler(handler: () => void): void {
  onExpired = handler;
}

let refreshing: Promise<boolean> | null = null;

/**
 * Renews the token pair after `failedAccessToken` was rejected. Concurrent callers share one
 * `auth.refresh` call, and tabs take turns (Web Locks): refresh tokens rotate and the server
 * revokes the whole family when one is used twice. Resolves true when the caller should retry
 * with the (new) stored access token.
 */
export function refreshSession(failedAccessToken: string | null): Promise<boolean> {
  refreshing ??= acrossTabs(() => renewUnlessReplaced(failedAccessToken)).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function acrossTabs(fn: () => Promise<boolean>): Promise<boolean> {
  // Web Locks exist only in secure contexts (https, localhost); elsewhere one tab is guarded.
  if (!('locks' in navigator)) return fn();
  return navigator.locks.request('support-inbox.refresh', fn) as Promise<boolean>;
}

async function renewUnlessReplaced(failedAccessToken: string | null): Promise<boolean> {
  // Read under the lock: another tab may have renewed while this one waited.
  const session = getSession();
  if (!session) return false;
  if (failedAccessToken !== null && session.accessToken !== failedAccessToken) return true;
  return renew(session.refreshToken);
}

async function renew(refreshToken: string): Promise<boolean> {
  try {
    setSession(await authClient.auth.refresh.mutate({ refreshToken }));
    return true;
  } catch (error) {
    // Only a rejected refresh token ends the session; a network blip or a 5xx must not log
    // the agent out in the middle of a conversation.
    if (isRejection(error)) {
      clearSession();
      onExpired();
    }
    return false;
  }
}

const REJECTION_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND']);

function isRejection(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && REJECTION_CODES.has(code);
}

/** The access token, renewed first when it is about to expire (used to open WebSockets). */
export async function freshAccessToken(): Promise<string | null> {
  const token = getAccessToken();
  if (token && msUntilExpiry(token) < 30_000) {
    await refreshSession(token);
    return getAccessToken();
  }
  return token;
}

/** Milliseconds until a JWT's `exp` (read, not verified: the server does that); 0 if unreadable. */
export function msUntilExpiry(jwt: string): number {
  try {
    const payload = jwt.split('.')[1] ?? '';
    const { exp } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: unknown;
    };
    return typeof exp === 'number' ? exp * 1000 - Date.now() : 0;
  } catch {
    return 0;
  }
}

export async function logout(): Promise<void> {
  const session = getSession();
  try {
    if (session) await authClient.auth.logout.mutate({ refreshToken: session.refreshToken });
  } catch {
    // Signing out locally matters more than telling the server; the token expires anyway.
  } finally {
    clearSession();
  }
}
