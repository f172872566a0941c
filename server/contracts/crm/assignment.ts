import { requireRole } from '../../auth/actor';
import { executeAssignment } from '../../services/assignment/execute';
import { actorOf, json, requireAuth } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';

/** Seed 003: POST /conversations/auto-assignment/execute → {processed, errors} (supervisors). */
export const assignmentRest = scopedRouter('/conversations/auto-assignment');

assignmentRest.post(
  '/conversations/auto-assignment/execute',
  requireAuth,
  json(async (_req, res) => {
    const actor = actorOf(res);
    requireRole(actor, 'supervisor');
    const { processed, errors } = await executeAssignment(actor.workspaceId, { manual: true });
    return { processed, errors };
  }, 200),
);
