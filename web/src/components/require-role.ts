import { redirect } from '@tanstack/react-router';
import { ROLE_RANK, type Role } from '../../../shared/enums';
import { queryClient, trpc } from '../lib/trpc';

/**
 * For a section's `beforeLoad`: people below `role` go to the inbox (the navigation does not
 * offer them the section, and the server would refuse its calls anyway).
 */
export async function requireRole(role: Role): Promise<void> {
  const me = await queryClient.ensureQueryData(trpc.auth.me.queryOptions());
  if (ROLE_RANK[me.role] < ROLE_RANK[role]) throw redirect({ to: '/inbox' });
}
