import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { users } from '../../db/schema';
import { AppError } from '../../errors';
import { assertAccess, loadConversation } from './access';

export const AgentTypingInput = z.object({
  isTyping: z.boolean({ error: 'isTyping must be a boolean' }),
  /** What the composer writes: a reply to the customer, or a private note to the team. */
  mode: z.enum(['reply', 'note'], { error: 'mode must be reply or note' }),
});

/**
 * An agent's typing indicator, announced as the bot's is (a signal on inbox_signals, never
 * stored: announce_typing.sql says why), with `origin` operator and the agent's name, so the
 * widget shows "<name> is typing…". This is the only way an agent's typing leaves the server,
 * and it is where a private note's typing stops: a note's keystrokes announce nothing, to
 * anyone, so no exit (widget socket, socket.io gateway, a future channel) has to remember to
 * drop them. Answers whether it announced.
 */
export async function announceAgentTyping(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof AgentTypingInput>,
  tx: DbOrTx = db,
): Promise<{ announced: boolean }> {
  const { isTyping, mode } = AgentTypingInput.parse(input);
  const c = await loadConversation(actor, ref, tx);
  assertAccess(actor, c);
  if (mode === 'note' || c.status === 'ended') return { announced: false };
  const [agent] = await tx
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.id, actor.userId), eq(users.workspaceId, actor.workspaceId)));
  if (!agent) throw new AppError('UNAUTHORIZED', 'Your account no longer exists');
  // The fields the hub decides access on, as announce_typing sends them; `after` keeps the
  // indicator behind the messages already in the outbox.
  await tx.execute(sql`select pg_notify('inbox_signals', json_build_object(
    'type', 'typing',
    'workspaceId', c.workspace_id,
    'conversationId', c.id,
    'payload', json_build_object('isTyping', ${isTyping}::boolean, 'origin', 'operator',
      'userId', ${actor.userId}::int, 'name', ${agent.name}::text),
    'after', (select last_value from events_id_seq),
    'conversation', json_build_object('uuid', c.uuid, 'kind', c.kind,
      'assignedUserId', c.assigned_user_id, 'assignedBotId', c.assigned_bot_id,
      'chatbotId', c.chatbot_id, 'externalUserId', c.external_user_id))::text)
    from conversations c where c.id = ${c.id}`);
  return { announced: true };
}
