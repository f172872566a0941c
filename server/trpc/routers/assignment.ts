import { agentLoads } from '../../services/assignment/agents';
import { executeAssignment } from '../../services/assignment/execute';
import { getPolicy, PolicyInput, updatePolicy } from '../../services/assignment/policy';
import { router, supervisorProcedure } from '../init';

export const assignmentRouter = router({
  /** Runs the policy now (even when automatic assignment is off): `{processed, errors, perAgent}`. */
  execute: supervisorProcedure.mutation(({ ctx }) =>
    executeAssignment(ctx.actor.workspaceId, { manual: true }),
  ),
  policy: supervisorProcedure.query(({ ctx }) => getPolicy(ctx.actor)),
  updatePolicy: supervisorProcedure
    .input(PolicyInput)
    .mutation(({ ctx, input }) => updatePolicy(ctx.actor, input)),
  agents: supervisorProcedure.query(({ ctx }) => agentLoads(ctx.actor)),
});
