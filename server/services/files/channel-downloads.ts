import { and, eq } from 'drizzle-orm';
import { extensionFor, type FetchedMedia, MediaFetchError } from '../../channels/media-download';
import { fetchCloudMedia } from '../../channels/whatsapp-cloud/media';
import { fetchBridgeMedia } from '../../channels/whatsapp-qr/media';
import { config } from '../../config';
import { type DbOrTx, db, type Tx } from '../../db/client';
import {
  conversations,
  type Integration,
  integrations,
  type Message,
  messages,
} from '../../db/schema';
import { RequestError } from '../../errors';
import { enqueueJob, jobKey } from '../../queue/enqueue';
import { tasks } from '../../queue/tasks';
import { appendEvent } from '../events';
import { linkAttachment, mediaContent, storeAttachment } from './attachments';

/**
 * A customer's file from WhatsApp, the Cloud API or a QR bridge (docs/agent-workspace.md,
 * Files). The message is written at once with `content.download = {state: 'downloading'}` and its provider's reference in
 * `metadata.attachments[0]`; the `media-download` job fetches the file, stores it
 * (storeAttachment: the size limit and the sniffed type apply as to an agent's upload) and, in
 * one transaction, links it and gives the message the content an agent's media message has
 * (`{attachmentId, contentType, byteSize, fileName, caption?}` and its `text`), announced as
 * `message:updated`. A download that fails is retried with the job's backoff; a final failure
 * (the last attempt, a file too large or of a refused type, media the provider no longer has)
 * leaves `content.download = {state: 'failed', reason}`, shown as such in the console.
 */

/** graphile-worker's attempts for one download: about four minutes of backoff in all. */
export const MEDIA_DOWNLOAD_ATTEMPTS = 6;

type Json = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/** Where a message's file is to be fetched from, while its download is pending. */
function pendingSource(message: Message): Json | undefined {
  if (message.type !== 'media' || obj(message.content.download)?.state !== 'downloading')
    return undefined;
  const list = message.metadata?.attachments;
  return Array.isArray(list) ? obj(list[0]) : undefined;
}

/**
 * Enqueues the download of an inbound media message's file, in the message's transaction (an
 * accepted message always has its job). Nothing for a message with nothing to fetch.
 */
export async function enqueueMediaDownload(tx: DbOrTx, message: Message): Promise<void> {
  if (!pendingSource(message)) return;
  await enqueueJob(
    tx,
    tasks.mediaDownload.name,
    { messageId: message.id },
    {
      jobKey: jobKey(tasks.mediaDownload.name, message.id),
      maxAttempts: MEDIA_DOWNLOAD_ATTEMPTS,
    },
  );
}

/** The channel's fetch of one file: the Cloud API's lookup and download, or the bridge's. */
function fetchFrom(integration: Integration, source: Json, m: Message): Promise<FetchedMedia> {
  const mediaId = str(source.id);
  if (integration.channel === 'WHATSAPP_CLOUD' && mediaId)
    return fetchCloudMedia(integration, mediaId, config.FILES_MAX_BYTES);
  if (integration.channel === 'WHATSAPP_QR')
    return fetchBridgeMedia(integration, source, m.externalId, config.FILES_MAX_BYTES);
  return Promise.reject(new MediaFetchError(false, 'This channel gave no way to fetch the file'));
}

/** The message's row locked for the update, as long as its download is still pending. */
async function lockPending(tx: Tx, messageId: number): Promise<Message | undefined> {
  const [m] = await tx.select().from(messages).where(eq(messages.id, messageId)).for('update');
  return m && pendingSource(m) ? m : undefined;
}

async function announce(tx: Tx, m: Message) {
  await appendEvent(tx, {
    workspaceId: m.workspaceId,
    conversationId: m.conversationId,
    type: 'message:updated',
    payload: { messageId: m.id },
  });
}

/** Marks a pending download failed with its reason (nothing if it is no longer pending). */
export function markDownloadFailed(messageId: number, reason: string): Promise<void> {
  return db.transaction(async (tx) => {
    const m = await lockPending(tx, messageId);
    if (!m) return;
    await tx
      .update(messages)
      .set({
        content: { ...m.content, download: { state: 'failed', reason: reason.slice(0, 300) } },
        updatedAt: new Date(),
      })
      .where(eq(messages.id, m.id));
    await announce(tx, m);
  });
}

/** A name for a file that came without one: `image.jpg`, `document.pdf`. */
function nameFor(source: Json, fetched: FetchedMedia): string {
  const given = fetched.fileName ?? str(source.filename);
  if (given) return given;
  return `${str(source.type) ?? 'file'}.${extensionFor(fetched.mimeType ?? str(source.mime_type) ?? null)}`;
}

/**
 * Stores a fetched file and gives the message its content, in one transaction under the
 * message's row lock: of two runs of one job, the second finds the download done and stores
 * nothing. A file the store refuses (too large, a type not allowed) fails the download.
 */
async function keep(messageId: number, source: Json, fetched: FetchedMedia): Promise<void> {
  const refused = await db.transaction(async (tx) => {
    const m = await lockPending(tx, messageId);
    if (!m) return undefined;
    let file: Awaited<ReturnType<typeof storeAttachment>>;
    try {
      file = await storeAttachment(
        {
          conversation: { id: m.conversationId, workspaceId: m.workspaceId },
          uploadedByUserId: null,
          fileName: nameFor(source, fetched),
          bytes: fetched.bytes,
        },
        tx,
      );
    } catch (err) {
      if (err instanceof RequestError) return err.message;
      throw err;
    }
    await linkAttachment(tx, file, m.id);
    const caption = str(m.content.caption);
    await tx
      .update(messages)
      .set({
        content: {
          ...mediaContent(file, caption),
          text: str(m.content.text) ?? caption ?? `[${str(source.type) ?? 'file'}]`,
        },
        updatedAt: new Date(),
      })
      .where(eq(messages.id, m.id));
    await announce(tx, m);
    return undefined;
  });
  if (refused) await markDownloadFailed(messageId, refused);
}

/**
 * The download job's work for one message. Throws (for graphile-worker to retry) when a
 * retryable failure is not on the job's last attempt; anything final marks the message failed.
 */
export async function downloadChannelMedia(messageId: number, lastAttempt: boolean): Promise<void> {
  const [row] = await db
    .select({ message: messages, integration: integrations })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(
      integrations,
      and(
        eq(integrations.id, messages.integrationId),
        eq(integrations.workspaceId, messages.workspaceId),
      ),
    )
    .where(eq(messages.id, messageId));
  const source = row && pendingSource(row.message);
  if (!row || !source) return;
  if (!row.integration) {
    await markDownloadFailed(messageId, 'The WhatsApp integration the file came through is gone');
    return;
  }
  try {
    await keep(messageId, source, await fetchFrom(row.integration, source, row.message));
  } catch (err) {
    // Anything unforeseen is retried too; the last attempt never leaves it "downloading".
    const final = lastAttempt || (err instanceof MediaFetchError && !err.retryable);
    if (!final) throw err;
    await markDownloadFailed(
      messageId,
      err instanceof MediaFetchError ? err.reason : 'The file could not be downloaded',
    );
  }
}
