import type { DbOrTx } from '../../db/client';
import { enqueueJob, jobKey } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';

/**
 * Asks for an assignment run soon (an agent came online or freed capacity, a conversation was
 * handed off). The job key folds a burst of triggers into one run per workspace.
 */
export async function requestAssignment(tx: DbOrTx, workspaceId: number): Promise<void> {
  await enqueueJob(
    tx,
    tasks.autoAssign.name,
    { workspaceId },
    { jobKey: jobKey(tasks.autoAssign.name, workspaceId), maxAttempts: 3 },
  );
}
