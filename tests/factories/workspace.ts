import { createWorkspace } from '../../server/services/workspaces';
import { unique } from './unique';
import { makeUser } from './user';

/** A workspace with its first admin, as sign-up would leave it. */
export async function makeWorkspace(name = `Workspace ${unique()}`) {
  const workspace = await createWorkspace(name);
  const admin = await makeUser(workspace.id, { role: 'admin', name: 'Admin' });
  return { workspace, admin };
}
