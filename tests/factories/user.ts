import { db } from '../../server/db/client';
import type { User } from '../../server/db/schema';
import { insertUser } from '../../server/services/users';
import type { Role } from '../../shared/enums';
import { unique } from './unique';

/** Every factory-made user's password, for tests that log in through the API. */
export const PASSWORD = 'correct horse battery';

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
