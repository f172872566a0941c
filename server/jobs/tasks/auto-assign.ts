import type { Task } from 'graphile-worker';
import { tasks } from '../../queue/tasks';
import { dueWorkspaces, executeAssignment } from '../../services/assignment/execute';

/** Triggered run for one workspace (agent online, capacity freed, handoff). */
export const autoAssign: Task = async (raw, helpers) => {
  const { workspaceId } = tasks.autoAssign.payload.parse(raw);
  const result = await executeAssignment(workspaceId, { manual: false });
  if (result.processed)
    helpers.logger.info(
      `auto-assigned ${result.processed} conversation(s) in workspace ${workspaceId}`,
    );
};

/** Cron: every workspace whose policy is enabled and whose interval has elapsed. */
export const autoAssignAll: Task = async (_payload, helpers) => {
  for (const workspaceId of await dueWorkspaces()) {
    const result = await executeAssignment(workspaceId, { manual: false });
    if (result.processed)
      helpers.logger.info(
        `auto-assigned ${result.processed} conversation(s) in workspace ${workspaceId}`,
      );
  }
};
