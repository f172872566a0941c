import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { storable, unstorable } from '../../../shared/storable-text';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { conversationNotes, noteMentions, users } from '../../db/schema';
import { AppError } from '../../errors';
import { assertAccess, canAccess, loadConversation } from '../conversations/access';
import { appendEvent } from '../events';
import { rowId } from '../ids';
import { type ThreadNote, threadNote } from './read';

/** The longest note: a customer message's limit, four times over (notes hold investigations). */
export const NOTE_MAX = 16_384;
/** Colleagues one note may notify. */
export const MENTIONS_MAX = 20;

export const NoteInput = z.object({
  body: z
    .string({ error: 'body must be a string' })
    .trim()
    .min(1, 'body should not be empty')
    .max(NOTE_MAX, `body must be shorter than or equal to ${NOTE_MAX} characters`)
    .refine(storable, unstorable('body')),
  /** The colleagues @mentioned, by user id: the console resolves `@name` as it is typed. */
  mentionUserIds: z
    .array(rowId, { error: 'mentionUserIds must be an array of user ids' })
    .max(MENTIONS_MAX, `a note mentions at most ${MENTIONS_MAX} colleagues`)
    .default([]),
});

/**
 * A private note in a conversation the actor may act on, with its mentions and one
 * `note:created` event (agents' streams only: no customer exit maps it), in one transaction.
 * A mentioned colleague must be of the workspace and able to open the conversation (an agent
 * cannot open a colleague's): a notification that leads nowhere is refused, named.
 */
export function addNote(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof NoteInput>,
  tx: DbOrTx = db,
): Promise<ThreadNote> {
  const data = NoteInput.parse(input);
  return tx.transaction(async (t) => {
    const c = await loadConversation(actor, ref, t, { forUpdate: true });
    assertAccess(actor, c);
    const wanted = [...new Set(data.mentionUserIds)].filter((id) => id !== actor.userId);
    // The author and the colleagues mentioned, in one read.
    const people = await t
      .select({ id: users.id, uuid: users.uuid, name: users.name, role: users.role })
      .from(users)
      .where(
        and(eq(users.workspaceId, actor.workspaceId), inArray(users.id, [actor.userId, ...wanted])),
      );
    const author = people.find((u) => u.id === actor.userId);
    const mentioned = people.filter((u) => u.id !== actor.userId);
    if (mentioned.length !== wanted.length) throw new AppError('NOT_FOUND', 'User not found');
    const blind = mentioned.find((u) => !canAccess({ role: u.role, userId: u.id }, c));
    if (blind)
      throw new AppError(
        'UNPROCESSABLE',
        `${blind.name} cannot open this conversation (it is assigned to another agent)`,
      );
    const [note] = await t
      .insert(conversationNotes)
      .values({
        workspaceId: actor.workspaceId,
        conversationId: c.id,
        authorUserId: actor.userId,
        body: data.body,
      })
      .returning();
    if (mentioned.length)
      await t.insert(noteMentions).values(
        mentioned.map((u) => ({
          noteId: note!.id,
          userId: u.id,
          workspaceId: actor.workspaceId,
        })),
      );
    const shown = threadNote(
      note!,
      author ? { id: author.id, uuid: author.uuid, name: author.name } : null,
      mentioned,
    );
    await appendEvent(t, {
      workspaceId: actor.workspaceId,
      type: 'note:created',
      conversationId: c.id,
      payload: { note: shown, mentionedUserIds: mentioned.map((u) => u.id) },
    });
    return shown;
  });
}
