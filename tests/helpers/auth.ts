import type { Actor } from '../../server/auth/actor';
import type { User } from '../../server/db/schema';
import { openSession } from '../../server/services/auth';
import type { Context } from '../../server/trpc/context';
import { createCaller } from '../../server/trpc/root';

/** An access token of a new login of `user` (a real session: logout and revocation apply). */
export async function tokenFor(user: User): Promise<string> {
  return (await openSession(user)).accessToken;
}

export const actorOf = (user: User): Actor => ({
  userId: user.id,
  workspaceId: user.workspaceId,
  role: user.role,
});

export function ctxFor(user: User | null): Context {
  return {
    auth: user ? { actor: actorOf(user) } : null,
    authError: null,
    requestId: 'test',
    ip: '127.0.0.1',
  };
}

/** Calls procedures in-process as `user`, through the same middlewares as HTTP. */
export const callerFor = (user: User | null) => createCaller(ctxFor(user));
