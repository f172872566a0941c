import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type ConversationVariable, conversationVariables } from '../../db/schema';
import { appendEvent } from '../events';
import { assertAccess, loadConversation } from './access';

export const VariableInput = z.object({
  key: z
    .string({
      error: (i) => (i.input == null ? 'key should not be empty' : 'key must be a string'),
    })
    .trim()
    .min(1, 'key should not be empty')
    .max(100, 'key must be shorter than or equal to 100 characters'),
  value: z
    .union([z.string(), z.number(), z.boolean()], {
      error: (i) => (i.input == null ? 'value should not be empty' : 'value must be a string'),
    })
    .transform(String)
    .pipe(z.string().max(10_000, 'value must be shorter than or equal to 10000 characters')),
});

/** A conversation's variables in the order they were first collected. */
export async function listVariables(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<ConversationVariable[]> {
  const c = await loadConversation(actor, ref, tx);
  assertAccess(actor, c);
  return tx
    .select()
    .from(conversationVariables)
    .where(eq(conversationVariables.conversationId, c.id))
    .orderBy(asc(conversationVariables.collectedAt), asc(conversationVariables.id));
}

/**
 * Writes one variable (insert or update). Used by operators and by the bot's `set_variable`
 * tool; `collectedAt` keeps the first time the value was collected.
 */
export async function upsertVariable(
  workspaceId: number,
  conversationId: number,
  input: z.input<typeof VariableInput>,
  tx: DbOrTx,
): Promise<ConversationVariable> {
  const { key, value } = VariableInput.parse(input);
  const [row] = await tx
    .insert(conversationVariables)
    .values({ workspaceId, conversationId, key, value })
    .onConflictDoUpdate({
      target: [conversationVariables.conversationId, conversationVariables.key],
      set: { value, updatedAt: sql`now()` },
    })
    .returning();
  await appendEvent(tx, {
    workspaceId,
    conversationId,
    type: 'conversation:variable',
    payload: { key, value },
  });
  return row!;
}

export async function setVariable(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof VariableInput>,
): Promise<ConversationVariable> {
  const data = VariableInput.parse(input);
  return db.transaction(async (tx) => {
    const c = await loadConversation(actor, ref, tx);
    assertAccess(actor, c);
    return upsertVariable(c.workspaceId, c.id, data, tx);
  });
}
