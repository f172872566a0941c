import { z } from 'zod';
import { conversationNotesOf, readMentions, unreadMentions } from '../../services/notes/read';
import { addNote, NoteInput } from '../../services/notes/write';
import { authedProcedure, router } from '../init';

const ref = z.object({ conversationId: z.union([z.string().max(64), z.number().int()]) });

/**
 * Private notes (issue 22): every role writes and reads them in the conversations it may act
 * on; a mention notifies the colleague until they open the conversation. The console is their
 * only exit: no customer-facing surface imports server/services/notes/.
 */
export const notesRouter = router({
  list: authedProcedure
    .input(ref)
    .query(({ ctx, input }) => conversationNotesOf(ctx.actor, input.conversationId)),
  add: authedProcedure.input(ref.extend(NoteInput.shape)).mutation(({ ctx, input }) =>
    addNote(ctx.actor, input.conversationId, {
      body: input.body,
      mentionUserIds: input.mentionUserIds,
    }),
  ),
  /** The caller's unread mentions, newest first. */
  mentions: authedProcedure.query(({ ctx }) => unreadMentions(ctx.actor)),
  /** The caller opened the conversation: its mentions of them are read. */
  readMentions: authedProcedure.input(ref).mutation(async ({ ctx, input }) => ({
    read: await readMentions(ctx.actor, input.conversationId),
  })),
});
