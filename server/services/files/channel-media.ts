import { buffer } from 'node:stream/consumers';
import { and, eq, sql } from 'drizzle-orm';
import { type OutboundMedia, PermanentSendError, type ProviderUpload } from '../../channels/types';
import { db } from '../../db/client';
import { attachments, type Message, messages } from '../../db/schema';
import { storageFor } from './storage';

/**
 * A media message's file as a channel sends it (docs/agent-workspace.md, Files): the attachment
 * the send linked to the message, its bytes read from storage only when the adapter uploads
 * them, and the provider's id of an earlier upload, kept in the message's metadata
 * (`providerUpload`) so that a retried send reuses it instead of uploading again.
 */

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The upload an earlier attempt recorded, when the metadata holds one. */
function uploadOf(message: Message): ProviderUpload | null {
  const raw = message.metadata?.providerUpload as Record<string, unknown> | undefined;
  const account = str(raw?.account);
  const id = str(raw?.id);
  return account && id ? { account, id } : null;
}

/** Records an upload's id on the message, before the message is sent with it. */
async function rememberUpload(messageId: number, upload: ProviderUpload): Promise<void> {
  await db
    .update(messages)
    .set({
      metadata: sql`${messages.metadata} || ${JSON.stringify({ providerUpload: upload })}::jsonb`,
    })
    .where(eq(messages.id, messageId));
}

/** The file a media message sends, or undefined for another message (or a file now gone). */
export async function outboundMediaOf(message: Message): Promise<OutboundMedia | undefined> {
  const uuid = str(message.content.attachmentId);
  if (message.type !== 'media' || !uuid) return undefined;
  const [file] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.uuid, uuid), eq(attachments.messageId, message.id)));
  if (!file) return undefined;
  return {
    contentType: file.contentType,
    byteSize: file.byteSize,
    fileName: file.fileName,
    caption: str(message.content.caption),
    uploaded: uploadOf(message),
    async bytes() {
      const body = await storageFor(file.storage).get(file.storageKey);
      if (!body) throw new PermanentSendError('attachment_missing', "The file's bytes are gone");
      return buffer(body);
    },
    remember: (upload) => rememberUpload(message.id, upload),
  };
}
