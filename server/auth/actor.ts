import { ROLE_RANK, type Role } from '../../shared/enums';
import { AppError } from '../errors';

/** Who is acting: every service call is scoped to the actor's workspace. */
export interface Actor {
  userId: number;
  workspaceId: number;
  role: Role;
}

export function requireRole(actor: Actor, role: Role): void {
  if (ROLE_RANK[actor.role] < ROLE_RANK[role]) {
    throw new AppError('FORBIDDEN', `This action needs the ${role} role`);
  }
}
