import { createHash } from 'node:crypto';
import type { Integration } from '../../db/schema';
import { credentialsOf, requireSetting } from '../credentials';
import { type FetchedMedia, MediaFetchError, readCapped } from '../media-download';
import { type OutboundMedia, PermanentSendError, RetryableSendError } from '../types';
import { type GraphError, graphFailure, graphUrl } from './graph';

/*
 * Media on the Cloud API (Meta's "Media" reference and "Supported media types"): a file is
 * uploaded to `POST /{phone-number-id}/media` and sent by the id that answers; a customer's file
 * is looked up with `GET /{media-id}` (a URL valid for 5 minutes) and fetched from that URL with
 * the same Bearer token.
 */

export type CloudMediaKind = 'image' | 'audio' | 'video' | 'document';

const MB = 1_048_576;

/** The most Meta takes of each kind (image 5 MB, audio and video 16 MB, a document 100 MB). */
export const CLOUD_MEDIA_LIMITS: Record<CloudMediaKind, number> = {
  image: 5 * MB,
  audio: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
};

/**
 * The kind Meta sends a file of our types as. GIF, WebP and WebM are none of the image, audio
 * or video types Meta lists (WebP only as a sticker, which drops the caption), so they go as
 * documents, which take any type and keep the name.
 */
const KINDS: Record<string, CloudMediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'audio/mpeg': 'audio',
  'audio/ogg': 'audio',
  'audio/mp4': 'audio',
  'audio/aac': 'audio',
  'video/mp4': 'video',
  'video/3gpp': 'video',
};

export const cloudKindOf = (contentType: string): CloudMediaKind =>
  KINDS[contentType] ?? 'document';

const inMB = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Refuses, before any call, a file above its kind's limit. */
export function checkCloudLimit(media: Pick<OutboundMedia, 'contentType' | 'byteSize'>) {
  const kind = cloudKindOf(media.contentType);
  const limit = CLOUD_MEDIA_LIMITS[kind];
  if (media.byteSize > limit) {
    throw new PermanentSendError(
      'media_too_large',
      `The file is ${inMB(media.byteSize)}; WhatsApp takes ${kind === 'document' ? 'documents' : `${kind}s`} (${media.contentType}) up to ${inMB(limit)}`,
    );
  }
  return kind;
}

/**
 * Uploads the file and answers Meta's media id. The message itself is not sent by this call, so
 * no failure here can have reached the customer: a lost answer (a reset, a 502 from a gateway)
 * is retryable like a 5xx, never an unknown outcome.
 */
export async function uploadCloudMedia(
  phoneNumberId: string,
  accessToken: string,
  media: OutboundMedia,
): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await media.bytes();
  } catch (err) {
    if (err instanceof PermanentSendError) throw err;
    throw new RetryableSendError(503, `Reading the file to upload failed: ${String(err)}`);
  }
  const form = new FormData();
  form.append('messaging_product', 'whatsapp');
  form.append('type', media.contentType);
  form.append(
    'file',
    new Blob([new Uint8Array(bytes)], { type: media.contentType }),
    media.fileName,
  );
  let res: Response;
  let body: GraphError & { id?: unknown };
  try {
    res = await fetch(graphUrl(`${phoneNumberId}/media`), {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
    });
    body = (await res.json().catch(() => ({}))) as typeof body;
  } catch (err) {
    throw new RetryableSendError(503, `Uploading the file to WhatsApp failed: ${String(err)}`);
  }
  if (res.ok && typeof body.id === 'string' && body.id) return body.id;
  const failure = graphFailure(res.status, body, 'WhatsApp media upload');
  if (failure instanceof RetryableSendError && (res.status === 502 || res.status === 504))
    throw new RetryableSendError(503, failure.message);
  throw res.ok ? new RetryableSendError(503, 'WhatsApp media upload answered no id') : failure;
}

/** The `image` / `audio` / `video` / `document` object of a send by media id. */
export function cloudMediaObject(
  kind: CloudMediaKind,
  id: string,
  media: Pick<OutboundMedia, 'caption' | 'fileName'>,
): Record<string, unknown> {
  // Meta's audio messages carry no caption.
  const caption = kind !== 'audio' && media.caption ? { caption: media.caption } : {};
  const filename = kind === 'document' ? { filename: media.fileName } : {};
  return { id, ...caption, ...filename };
}

interface CloudMediaInfo {
  url?: unknown;
  mime_type?: unknown;
  sha256?: unknown;
  file_size?: unknown;
  id?: unknown;
}

/** Whether `bytes` hash to Meta's sha256 (hex in the lookup; base64 accepted as well). */
function sameHash(bytes: Uint8Array, expected: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  return expected === digest.toString('hex') || expected === digest.toString('base64');
}

/** A 5xx, a 429 or a throttle is worth another try; an expired or unknown id (4xx) is not. */
function fetchFailure(status: number, body: GraphError, what: string): MediaFetchError {
  const failure = graphFailure(status, body, what);
  return new MediaFetchError(failure instanceof RetryableSendError, failure.message);
}

/**
 * A customer's media: `GET /{media-id}` (its URL, type, size and hash), then the URL with the
 * integration's token, its size held to `maxBytes` and its sha256 checked against Meta's.
 */
export async function fetchCloudMedia(
  integration: Integration,
  mediaId: string,
  maxBytes: number,
): Promise<FetchedMedia> {
  let accessToken: string;
  try {
    accessToken = requireSetting(credentialsOf(integration), 'accessToken', integration);
  } catch (err) {
    throw new MediaFetchError(false, (err as Error).message);
  }
  const authorization = `Bearer ${accessToken}`;
  const phoneNumberId = integration.config.phoneNumberId;
  const query = typeof phoneNumberId === 'string' ? `?phone_number_id=${phoneNumberId}` : '';
  try {
    const lookup = await fetch(graphUrl(`${encodeURIComponent(mediaId)}${query}`), {
      headers: { authorization },
    });
    const info = (await lookup.json().catch(() => ({}))) as CloudMediaInfo & GraphError;
    if (!lookup.ok) throw fetchFailure(lookup.status, info, 'WhatsApp media lookup');
    if (typeof info.url !== 'string' || !info.url.startsWith('https://'))
      throw new MediaFetchError(true, 'WhatsApp media lookup answered no URL');
    const declared = Number(info.file_size);
    if (Number.isFinite(declared) && declared > maxBytes) {
      throw new MediaFetchError(
        false,
        `The file is larger than ${Math.round((maxBytes / 1_048_576) * 10) / 10} MB, the most a file may be`,
      );
    }
    const file = await fetch(info.url, { headers: { authorization } });
    if (!file.ok) {
      const body = (await file.json().catch(() => ({}))) as GraphError;
      // The URL lasts 5 minutes: an expired one is looked up again by the next attempt.
      if (file.status === 401 || file.status === 403 || file.status === 404)
        throw new MediaFetchError(true, `WhatsApp media download answered ${file.status}`);
      throw fetchFailure(file.status, body, 'WhatsApp media download');
    }
    const bytes = await readCapped(file, maxBytes);
    if (typeof info.sha256 === 'string' && info.sha256 && !sameHash(bytes, info.sha256))
      throw new MediaFetchError(true, "The downloaded file does not match WhatsApp's sha256");
    return {
      bytes,
      mimeType: typeof info.mime_type === 'string' ? info.mime_type : null,
      fileName: null,
    };
  } catch (err) {
    if (err instanceof MediaFetchError) throw err;
    throw new MediaFetchError(true, `Downloading the file from WhatsApp failed: ${String(err)}`);
  }
}
