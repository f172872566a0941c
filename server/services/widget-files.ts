import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { MessagingCaller } from '../auth/messaging-caller';
import { db } from '../db/client';
import {
  type Attachment,
  attachments,
  type Conversation,
  chatbots,
  conversations,
} from '../db/schema';
import { AppError, notFound } from '../errors';
import {
  claimAttachment,
  linkAttachment,
  mediaContent,
  storeAttachment,
} from './files/attachments';
import { assertCallerOwns } from './messages/caller-access';
import type { Accepted } from './messages/create';
import { acceptInbound } from './messages/inbound';

/**
 * A widget visitor's files (docs/agent-workspace.md, Files). The widget session's proven
 * visitor decides everything: the conversation an upload goes into is that visitor's latest
 * one with the session's chatbot, never one the request names, and the send takes only a file
 * that visitor uploaded into it. A public key alone proves no visitor, so it reaches nothing.
 */

type WidgetCaller = Extract<MessagingCaller, { kind: 'widget' }>;

/** A visitor's uploads not sent yet, at most, per conversation. */
export const MAX_UNSENT_VISITOR_FILES = 5;

/** Only a widget session speaks for a visitor; an agent uploads through /console/files. */
export function widgetCallerOf(caller: MessagingCaller): WidgetCaller {
  if (caller.kind !== 'widget') {
    throw new AppError('FORBIDDEN', 'Only a widget session may do this; agents use /console/files');
  }
  return caller;
}

/**
 * The conversation a visitor's upload goes into, checked before a byte is read: the visitor's
 * latest WIDGET conversation with the session's chatbot. None yet is a 404 (the widget opens
 * one with POST /conversations first); an ended one takes no files (409), as for an agent.
 */
export async function conversationForVisitorUpload(caller: WidgetCaller): Promise<Conversation> {
  const [c] = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, caller.workspaceId),
        eq(conversations.chatbotId, caller.chatbotId),
        eq(conversations.externalUserId, caller.externalUserId),
        eq(conversations.channel, 'WIDGET'),
        eq(conversations.kind, 'customer'),
      ),
    )
    .orderBy(desc(conversations.id))
    .limit(1);
  if (!c) throw notFound('Conversation');
  assertCallerOwns(caller, c);
  if (c.status === 'ended') throw new AppError('CONFLICT', 'Conversation has ended');
  // A widget session needs only the public key: without a bound, anyone could fill the store
  // with files never sent (25 MB each).
  const [waiting] = await db
    .select({ n: count() })
    .from(attachments)
    .where(
      and(
        eq(attachments.conversationId, c.id),
        isNull(attachments.messageId),
        isNull(attachments.uploadedByUserId),
      ),
    );
  if ((waiting?.n ?? 0) >= MAX_UNSENT_VISITOR_FILES) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `${MAX_UNSENT_VISITOR_FILES} files are already waiting to be sent in this chat: send them first`,
    );
  }
  return c;
}

/** Stores a visitor's file: no user, the conversation's customer as its uploader. */
export function uploadVisitorFile(
  c: Conversation,
  fileName: string,
  bytes: Uint8Array,
): Promise<Attachment> {
  return storeAttachment({
    conversation: c,
    uploadedByUserId: null,
    uploadedByContactId: c.contactId,
    fileName,
    bytes,
  });
}

export const VisitorFileSendInput = z.object({
  caption: z
    .string({ error: 'caption must be a string' })
    .max(1024, 'caption must be shorter than or equal to 1024 characters')
    .optional(),
});

/**
 * Sends the visitor's upload as the customer's media message, through the ordinary inbound
 * path (the bot's turn opened or joined, the agents' events), in one transaction with the
 * claim that links the file to it. A file that is not this visitor's is not found, whoever's
 * it is; one sent already is a 409, as is an ended conversation.
 */
export function sendVisitorFile(
  caller: WidgetCaller,
  attachmentUuid: string,
  input: z.input<typeof VisitorFileSendInput>,
): Promise<Accepted> {
  const { caption } = VisitorFileSendInput.parse(input);
  return db.transaction(async (tx) => {
    const [file] = await tx
      .select({ conversationId: attachments.conversationId })
      .from(attachments)
      .where(
        and(eq(attachments.uuid, attachmentUuid), eq(attachments.workspaceId, caller.workspaceId)),
      );
    if (!file) throw notFound('File');
    const [c] = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.id, file.conversationId),
          eq(conversations.workspaceId, caller.workspaceId),
        ),
      )
      .for('update');
    if (!c) throw notFound('File');
    try {
      assertCallerOwns(caller, c);
    } catch {
      throw notFound('File');
    }
    if (c.status === 'ended') throw new AppError('CONFLICT', 'Conversation has ended');
    const attachment = await claimAttachment(tx, c, attachmentUuid, 'customer').catch((err) => {
      // Another uploader's file in the visitor's own conversation (an agent's) is not theirs.
      if (err instanceof AppError && err.code === 'UNPROCESSABLE') throw notFound('File');
      throw err;
    });
    const written = await acceptInbound(
      tx,
      c,
      { type: 'media', content: mediaContent(attachment, caption), metadata: {} },
      { locked: true },
    );
    await linkAttachment(tx, attachment, written.message.id);
    const [bot] = await tx
      .select({ uuid: chatbots.uuid })
      .from(chatbots)
      .where(eq(chatbots.id, caller.chatbotId));
    return { chatbotUuid: bot!.uuid, ...written };
  });
}
