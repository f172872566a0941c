import type { DbOrTx } from '../../db/client';
import { enqueueJob } from '../../jobs/enqueue';

/**
 * Asks for an assignment run soon (an agent came online or freed capacity, a conversation was
 * handed off). The job key folds a burst of triggers into one run per workspace.
 */
export async function requestAssignment(tx: DbOrTx, workspaceId: number): Promise<void> {
  await enqueueJob(
    tx,
    'auto-assign',
    { workspaceId },
    { jobKey: `auto-assign:${workspaceId}`, maxAttempts: 3 },
  );
}
