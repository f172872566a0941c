import { type DbOrTx, db } from '../db/client';
import { assignmentPolicies, type Workspace, workspaces } from '../db/schema';

/** A new workspace starts with the default assignment policy (least_loaded, online only, on). */
export async function createWorkspace(name: string, tx: DbOrTx = db): Promise<Workspace> {
  const [workspace] = await tx.insert(workspaces).values({ name }).returning();
  await tx.insert(assignmentPolicies).values({ workspaceId: workspace!.id });
  return workspace!;
}
