/**
 * Snoozed conversations leave the agents' default views until `until`; they come back by
 * themselves when reads compare it with now() (no job), or earlier when the customer writes
 * (write_message clears snoozed_until on an inbound message).
 */
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import type { Tx } from '../../db/client';
import type { Conversation } from '../../db/schema';
import { AppError } from '../../errors';
import { appendEvent } from '../events';
import { saveConversation, withConversation } from './assignment-actions';

/** The furthest a snooze may reach: past that it is a conversation left behind, not a pause. */
export const MAX_SNOOZE_DAYS = 90;

export const SnoozeInput = z.object({
  until: z.coerce.date({ error: 'until must be a date-time' }),
});

async function announce(tx: Tx, c: Conversation, actor: Actor, snoozedUntil: Date | null) {
  await appendEvent(tx, {
    workspaceId: c.workspaceId,
    conversationId: c.id,
    type: 'conversation:updated',
    payload: {
      snoozedUntil: snoozedUntil?.toISOString() ?? null,
      by: actor.userId,
      reason: snoozedUntil ? 'snoozed' : 'unsnoozed',
    },
  });
}

export async function snooze(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof SnoozeInput>,
): Promise<Conversation> {
  const { until } = SnoozeInput.parse(input);
  const now = Date.now();
  if (until.getTime() <= now) {
    throw new AppError('BAD_REQUEST', 'A snooze must end in the future', [
      { field: 'until', message: 'until must be in the future' },
    ]);
  }
  if (until.getTime() > now + MAX_SNOOZE_DAYS * 86_400_000) {
    throw new AppError('BAD_REQUEST', `A snooze lasts at most ${MAX_SNOOZE_DAYS} days`, [
      { field: 'until', message: `until must be within ${MAX_SNOOZE_DAYS} days` },
    ]);
  }
  return withConversation(actor, ref, async (tx, c) => {
    if (c.status === 'ended') {
      throw new AppError('CONFLICT', 'An ended conversation cannot be snoozed');
    }
    const row = await saveConversation(tx, c, { snoozedUntil: until });
    await announce(tx, c, actor, until);
    return row;
  });
}

/** Brings a snoozed conversation back now; one that is not snoozed is left as it is. */
export async function unsnooze(actor: Actor, ref: string | number): Promise<Conversation> {
  return withConversation(actor, ref, async (tx, c) => {
    if (c.snoozedUntil === null) return c;
    const row = await saveConversation(tx, c, { snoozedUntil: null });
    await announce(tx, c, actor, null);
    return row;
  });
}
