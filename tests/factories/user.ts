import { randomBytes } from 'node:crypto';
import { db } from '../../server/db/client';
import type { User } from '../../server/db/schema';
import { openSession } from '../../server/services/auth';
import { insertUser } from '../../server/services/users';
import { createWorkspace } from '../../server/services/workspaces';
import type { Context } from '../../server/trpc/context';
import { createCaller } from '../../server/trpc/root';
import type { Role } from '../../shared/enums';

export const PASSWORD = 'correct horse battery';

const unique = () => randomBytes(4).toString('hex');

export async function makeWorkspace(name = `Workspace ${unique()}`) {
  const workspace = await createWorkspace(name);
  const admin = await makeUser(workspace.id, { role: 'admin', name: 'Admin' });
  return { workspace, admin };
}

export async function makeUser(
  workspaceId: number,
  overrides: { role?: Role; name?: string; email?: string; capacity?: number | null } = {},
): Promise<User> {
  return insertUser(
    workspaceId,
    {
      name: overrides.name ?? `User ${unique()}`,
      email: overrides.email ?? `user-${unique()}@example.test`,
      password: PASSWORD,
      role: overrides.role ?? 'agent',
      capacity: overrides.capacity ?? null,
    },
    db,
  );
}

/** An access token of a new login of `user` (a real session: logout and revocation apply). */
export async function tokenFor(user: User): Promise<string> {
  return (await openSession(user)).accessToken;
}

export function ctxFor(user: User | null): Context {
  return {
    auth: user
      ? { actor: { userId: user.id, workspaceId: user.workspaceId, role: user.role } }
      : null,
    authError: null,
    requestId: 'test',
    ip: '127.0.0.1',
  };
}

/** Calls procedures in-process as `user`, through the same middlewares as HTTP. */
export const callerFor = (user: User | null) => createCaller(ctxFor(user));
