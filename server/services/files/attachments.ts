import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { config } from '../../config';
import { type DbOrTx, db, type Tx } from '../../db/client';
import { type Attachment, attachments, type Conversation, users } from '../../db/schema';
import { AppError, notFound, RequestError } from '../../errors';
import { assertAccess, loadConversation } from '../conversations/access';
import { ALLOWED_CONTENT_TYPES, sniffContentType } from './content-type';
import { fileStorage, storageFor } from './storage';

/**
 * Files attached to a conversation (docs/agent-workspace.md, Files). An upload stores the
 * bytes and a row; the media message that sends it links the row (claimAttachment), and the
 * console's thread gives each media message a fresh signed link (signed-links.ts).
 */

export const tooLarge = () =>
  new RequestError(
    413,
    `The file is larger than ${Math.round((config.FILES_MAX_BYTES / 1_048_576) * 10) / 10} MB, the most a file may be`,
  );

const notAllowed = () =>
  new RequestError(
    415,
    `This type of file cannot be attached; allowed: ${ALLOWED_CONTENT_TYPES.join(', ')} (read from the file's bytes, not its name)`,
  );

/**
 * A name safe to store and to put in a Content-Disposition: no folders, no control characters,
 * no quotes or backslashes, at most 255 characters (the extension kept when it is cut).
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch !== '\x7f' && ch !== '"' && ch !== '\\')
    .join('')
    .trim()
    .replace(/^\.+/, '');
  if (clean === '') return 'file';
  const chars = [...clean];
  if (chars.length <= 255) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? [...clean.slice(dot)].slice(0, 16).join('') : '';
  return chars.slice(0, 255 - [...ext].length).join('') + ext;
}

/** The conversation an agent uploads to: theirs to see (access.ts), before a byte is read. */
export async function conversationForUpload(actor: Actor, ref: string | number) {
  const c = await loadConversation(actor, ref);
  assertAccess(actor, c);
  if (c.status === 'ended') throw new AppError('CONFLICT', 'Conversation has ended');
  return c;
}

/** Stores an agent's file in a conversation; its type from the bytes, against the allow-list. */
export function uploadAttachment(
  actor: Actor,
  c: Conversation,
  fileName: string,
  bytes: Uint8Array,
  tx: DbOrTx = db,
): Promise<Attachment> {
  return storeAttachment({ conversation: c, uploadedByUserId: actor.userId, fileName, bytes }, tx);
}

export interface NewAttachment {
  conversation: Pick<Conversation, 'id' | 'workspaceId'>;
  /** The agent who sent it; null for a file that came from the customer. */
  uploadedByUserId: number | null;
  /** The customer (the conversation's contact) for a widget visitor's upload. */
  uploadedByContactId?: number | null;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Stores a file's bytes and its row, whoever it came from (an agent, a visitor, a channel's
 * download): the size limit and the type from the bytes apply to all of them alike.
 */
export async function storeAttachment(file: NewAttachment, tx: DbOrTx = db): Promise<Attachment> {
  const { conversation: c, bytes } = file;
  if (bytes.byteLength > config.FILES_MAX_BYTES) throw tooLarge();
  if (bytes.byteLength === 0) throw new RequestError(400, 'The file is empty');
  const contentType = sniffContentType(bytes);
  if (!contentType) throw notAllowed();
  const uuid = randomUUID();
  const storage = fileStorage();
  const storageKey = `${c.workspaceId}/${uuid}`;
  // The bytes first: a row never names bytes that are not there (a failed insert leaves an
  // unreferenced file, never a link to nothing).
  await storage.put(storageKey, bytes, contentType);
  const [row] = await tx
    .insert(attachments)
    .values({
      uuid,
      workspaceId: c.workspaceId,
      conversationId: c.id,
      uploadedByUserId: file.uploadedByUserId,
      uploadedByContactId: file.uploadedByContactId ?? null,
      storage: storage.kind,
      storageKey,
      contentType,
      byteSize: bytes.byteLength,
      fileName: safeFileName(file.fileName),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    .returning();
  return row!;
}

/** Who sends a media message: a member of the workspace, or the conversation's customer. */
export type FileSender = 'member' | 'customer';

/**
 * The attachment a media message sends, locked for the message's transaction: of the same
 * conversation, not sent yet (so one upload is one message), and uploaded by the sender's
 * side: an agent's send takes only a member's upload, a visitor's only an upload by the
 * conversation's own customer (never an agent's, whatever became of the agent). Answered in
 * the words of the content field it came from.
 */
export async function claimAttachment(
  tx: Tx,
  c: Conversation,
  attachmentUuid: string,
  sender: FileSender = 'member',
): Promise<Attachment> {
  const same = and(
    eq(attachments.uuid, attachmentUuid),
    eq(attachments.workspaceId, c.workspaceId),
    eq(attachments.conversationId, c.id),
  );
  const [row] =
    sender === 'member'
      ? await tx
          .select({ attachment: attachments })
          .from(attachments)
          .innerJoin(
            users,
            and(eq(users.id, attachments.uploadedByUserId), eq(users.workspaceId, c.workspaceId)),
          )
          .where(same)
          .for('update', { of: attachments })
      : await tx
          .select({ attachment: attachments })
          .from(attachments)
          .where(
            and(
              same,
              isNull(attachments.uploadedByUserId),
              c.contactId === null ? sql`false` : eq(attachments.uploadedByContactId, c.contactId),
            ),
          )
          .for('update');
  if (!row)
    throw new AppError('UNPROCESSABLE', 'content.attachmentId names no file of this conversation');
  if (row.attachment.messageId !== null) {
    throw new AppError('CONFLICT', 'This file has already been sent');
  }
  return row.attachment;
}

/**
 * A media message's content: the attachment it sends and what a reader needs without loading
 * it (type, size, name), as the row says rather than as the sender wrote.
 */
export function mediaContent(a: Attachment, caption: unknown) {
  return {
    attachmentId: a.uuid,
    contentType: a.contentType,
    byteSize: a.byteSize,
    fileName: a.fileName,
    ...(typeof caption === 'string' && caption.trim() !== '' ? { caption } : {}),
  };
}

/** Links a claimed attachment to the message that sends it (same transaction as the message). */
export async function linkAttachment(tx: Tx, attachment: Attachment, messageId: number) {
  await tx
    .update(attachments)
    .set({ messageId })
    .where(and(eq(attachments.id, attachment.id), isNull(attachments.messageId)));
}

/**
 * A file for a signed link (the link is the permission, checked by the route). Not found,
 * whichever workspace asks, when the row or its bytes are gone.
 */
export async function openAttachment(
  uuid: string,
): Promise<{ attachment: Attachment; body: Readable }> {
  const [attachment] = await db.select().from(attachments).where(eq(attachments.uuid, uuid));
  if (!attachment) throw notFound('File');
  const body = await storageFor(attachment.storage).get(attachment.storageKey);
  if (!body) throw notFound('File');
  return { attachment, body };
}
