import { sql } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/actor';
import { type DbOrTx, db } from '../db/client';
import { setupChecklistDismissals } from '../db/schema';
import { notFound } from '../errors';

/** The first-start checklist's steps, in the order the console lists them. */
export const CHECKLIST_STEPS = ['channel', 'knowledge', 'agents'] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

export interface SetupChecklist {
  steps: { step: ChecklistStep; done: boolean }[];
  /** This admin closed the card. */
  dismissed: boolean;
  /** Whether the console shows the card: not dismissed and a step left. */
  shown: boolean;
}

interface ChecklistRow extends Record<string, unknown> {
  channel: boolean;
  knowledge: boolean;
  agents: boolean;
  dismissed: boolean;
}

/**
 * What an admin has left to set up, read from the workspace's rows (never a flag someone must
 * remember to set). A step counts only rows made after the workspace's own first transaction:
 * every row the demo seed or a registration writes shares the workspace's `created_at` (now()
 * is the transaction's start), so the demo's widget, help centre and agents tick nothing, and
 * whatever an admin adds later does. A channel: an integration; the bot's knowledge: a
 * published article (a draft is not answered from); agents: a user besides the workspace's
 * first (its founder, who may have been written just after the workspace).
 */
export async function setupChecklist(actor: Actor, tx: DbOrTx = db): Promise<SetupChecklist> {
  requireRole(actor, 'admin');
  const rows = (await tx.execute(sql`
    select
      exists (select 1 from integrations i
        where i.workspace_id = w.id and i.created_at > w.created_at) as channel,
      exists (select 1 from knowledge_articles a
        where a.workspace_id = w.id and a.status = 'published' and a.created_at > w.created_at)
        as knowledge,
      exists (select 1 from users u
        where u.workspace_id = w.id and u.created_at > w.created_at
          and u.id > (select min(f.id) from users f where f.workspace_id = w.id)) as agents,
      exists (select 1 from setup_checklist_dismissals d where d.user_id = ${actor.userId})
        as dismissed
    from workspaces w where w.id = ${actor.workspaceId}`)) as unknown as ChecklistRow[];
  const row = rows[0];
  if (!row) throw notFound('Workspace');
  const steps = CHECKLIST_STEPS.map((step) => ({ step, done: row[step] }));
  return {
    steps,
    dismissed: row.dismissed,
    shown: !row.dismissed && steps.some((s) => !s.done),
  };
}

/** Closes the card for this admin alone; closing it again changes nothing. */
export async function dismissSetupChecklist(
  actor: Actor,
  tx: DbOrTx = db,
): Promise<SetupChecklist> {
  requireRole(actor, 'admin');
  await tx
    .insert(setupChecklistDismissals)
    .values({ workspaceId: actor.workspaceId, userId: actor.userId })
    .onConflictDoNothing({ target: setupChecklistDismissals.userId });
  return setupChecklist(actor, tx);
}
