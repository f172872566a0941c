import { and, desc, eq } from 'drizzle-orm';
import type { ToolActivity } from '../../ai/custom-tools';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { events } from '../../db/schema';
import { assertAccess, loadConversation } from '../conversations/access';

/** The newest calls a thread shows: a conversation of hundreds of calls is read, not dumped. */
export const THREAD_TOOL_CALLS = 200;

/** One custom-tool call of the bot's, as its `bot:tool_call` event recorded it. */
export interface ToolCall extends Pick<ToolActivity, 'tool' | 'status' | 'durationMs'> {
  /** The event's id: the calls' order, and the key the console's live copy dedupes on. */
  id: number;
  httpStatus: number | null;
  errorCode: string | null;
  at: Date;
}

/** The event's payload read field by field: a payload of another shape is not a call. */
function callOf(id: number, payload: Record<string, unknown>, at: Date): ToolCall | null {
  const { tool, status, durationMs, httpStatus, errorCode } = payload;
  if (typeof tool !== 'string' || (status !== 'ok' && status !== 'error')) return null;
  return {
    id,
    tool,
    status,
    durationMs: typeof durationMs === 'number' ? durationMs : 0,
    httpStatus: typeof httpStatus === 'number' ? httpStatus : null,
    errorCode: typeof errorCode === 'string' ? errorCode : null,
    at,
  };
}

/**
 * The custom tools the bot called in a conversation the actor may act on, oldest first (the
 * newest THREAD_TOOL_CALLS). The events are the record: save_bot_reply writes one per call
 * with the reply, and the outbox keeps them. Agents' reading only: no customer-facing exit
 * reads this.
 */
export async function conversationToolCalls(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<ToolCall[]> {
  const conversation = await loadConversation(actor, ref, tx);
  assertAccess(actor, conversation);
  const rows = await tx
    .select({ id: events.id, payload: events.payload, createdAt: events.createdAt })
    .from(events)
    .where(
      and(
        eq(events.conversationId, conversation.id),
        eq(events.workspaceId, actor.workspaceId),
        eq(events.type, 'bot:tool_call'),
      ),
    )
    .orderBy(desc(events.id))
    .limit(THREAD_TOOL_CALLS);
  return rows
    .reverse()
    .map((r) => callOf(r.id, r.payload, r.createdAt))
    .filter((c): c is ToolCall => c !== null);
}
