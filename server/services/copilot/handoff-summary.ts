import { desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type HandoffSummary, handoffSummaries } from '../../db/schema';
import { askModel, summarizeContext } from './assist';
import { copilotStatus } from './availability';
import { accessibleConversation, loadCopilotContext } from './context';

/** Customer lines a conversation needs before a summary says more than the lines themselves. */
export const SUMMARY_MIN_CUSTOMER_LINES = 2;

export type HandoffSummaryOutcome =
  /** Written now, and announced to the agents. */
  | 'written'
  /** This handoff has its summary already (a retried or repeated job). */
  | 'exists'
  /** No model is configured: no summary, and nothing to retry. */
  | 'no_model'
  /** One customer line: the agent reads it faster than a summary of it, and no model is paid. */
  | 'too_short'
  /** The conversation is gone, or is no longer handed off (released back to the bot). */
  | 'not_handed_off';

/**
 * Writes the summary of a conversation's current handoff for the agents (the handoff-summary
 * job, enqueued by save_bot_reply at the handoff). Idempotent: one summary per handoff, checked
 * before the model is asked and again by the insert, so a retry never calls the model twice for
 * a summary that was written. A model failure throws, and the job runs again.
 */
export async function writeHandoffSummary(
  conversationId: number,
  tx: DbOrTx = db,
): Promise<HandoffSummaryOutcome> {
  if (!copilotStatus().available) return 'no_model';
  const context = await loadCopilotContext(conversationId, tx);
  const handoffAt = context?.conversation.handoffAt;
  if (!context || !handoffAt) return 'not_handed_off';
  const customerLines = context.history.filter((t) => t.role === 'user').length;
  if (customerLines < SUMMARY_MIN_CUSTOMER_LINES) return 'too_short';
  const [done] = await tx.execute(sql`select 1 from handoff_summaries s
    join conversations c on c.id = s.conversation_id and s.handoff_at = c.handoff_at
    where c.id = ${conversationId}::int`);
  if (done) return 'exists';
  const answer = await askModel(() => summarizeContext(context), 'handoff summary');
  // One statement: the row, for the handoff the context was read at (to the millisecond, as a
  // Date holds it; a later handoff has its own job), and its event. The event carries no text:
  // the console reads the summary through copilot.handoffSummary, with the access rule.
  const rows = await tx.execute(sql`with s as (
      insert into handoff_summaries (workspace_id, conversation_id, handoff_at, text, model)
      select c.workspace_id, c.id, c.handoff_at, ${answer.text}::text, ${answer.model}::text
      from conversations c
      where c.id = ${conversationId}::int
        and date_trunc('milliseconds', c.handoff_at) = ${handoffAt.toISOString()}::timestamptz
      on conflict (conversation_id, handoff_at) do nothing
      returning workspace_id, conversation_id)
    select append_event(s.workspace_id, 'conversation:updated', s.conversation_id,
      jsonb_build_object('change', 'handoff_summary')) from s`);
  return rows.length ? 'written' : 'exists';
}

/** The newest handoff summary of a conversation the actor may act on, or null. */
export async function latestHandoffSummary(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<HandoffSummary | null> {
  const conversation = await accessibleConversation(actor, ref, tx);
  const [row] = await tx
    .select()
    .from(handoffSummaries)
    .where(eq(handoffSummaries.conversationId, conversation.id))
    .orderBy(desc(handoffSummaries.handoffAt))
    .limit(1);
  return row ?? null;
}
