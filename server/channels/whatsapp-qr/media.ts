import type { Integration } from '../../db/schema';
import { credentialsOf } from '../credentials';
import { type FetchedMedia, MediaFetchError, readCapped, tooLargeToKeep } from '../media-download';
import { type OutboundMedia, PermanentSendError, RetryableSendError } from '../types';

/*
 * Media through the QR bridges (docs/agent-workspace.md, Files). Sending: WAHA's sendImage and
 * sendFile, Evolution API's sendMedia, with the bytes as base64 (the bridge may not reach our
 * signed links). Receiving: WAHA's webhook names a URL on the bridge (`/api/files/...`, kept for
 * WHATSAPP_FILES_LIFETIME), fetched with the API key; Evolution's bytes come from
 * getBase64FromMediaMessage by the message's key. Both through the media-download job.
 */

export type BridgeMediaKind = 'image' | 'audio' | 'video' | 'document';

/** How WhatsApp shows a file of this type: JPEG and PNG inline, MP4 as video, audio, or a file. */
export function wahaKindOf(mimeType: string): BridgeMediaKind {
  if (mimeType === 'image/jpeg' || mimeType === 'image/png') return 'image';
  if (mimeType.startsWith('video/mp4')) return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  return 'document';
}

/** The file's bytes as base64; reading them cannot have sent anything, so it is retryable. */
export async function base64Of(media: OutboundMedia): Promise<string> {
  try {
    return Buffer.from(await media.bytes()).toString('base64');
  } catch (err) {
    if (err instanceof PermanentSendError) throw err;
    throw new RetryableSendError(503, `Reading the file to send failed: ${String(err)}`);
  }
}

/** A customer's media message's content, as the Cloud API's is (marked downloading if it can be). */
export function bridgeMediaContent(
  mimeType: string | null,
  caption: string,
  downloadable: boolean,
): Record<string, unknown> {
  const kind = wahaKindOf(mimeType ?? '');
  return {
    mediaType: kind,
    caption: caption || null,
    text: caption || `[${kind}]`,
    ...(downloadable ? { download: { state: 'downloading' } } : {}),
  };
}

const baseUrlOf = (integration: Integration) =>
  String(integration.config.baseUrl ?? '').replace(/\/+$/, '');

function apiKeyOf(integration: Integration): string {
  const key = credentialsOf(integration).apiKey;
  if (!key) throw new MediaFetchError(false, `Integration "${integration.name}" has no apiKey`);
  return key;
}

/** A bridge's refusal: 5xx and 429 may pass, anything else is final (`gone` names a 404). */
function bridgeFailure(status: number, gone: string): MediaFetchError {
  if (status >= 500 || status === 429)
    return new MediaFetchError(true, `The WhatsApp bridge answered ${status}`);
  if (status === 404) return new MediaFetchError(false, gone);
  return new MediaFetchError(false, `The WhatsApp bridge refused the download (${status})`);
}

/**
 * WAHA's file. Only the URL's path is taken, on the integration's own base URL: the API key
 * goes to the bridge we configured, never to a host a webhook named (and WAHA's idea of its own
 * address, WAHA_BASE_URL, may not be one this server can reach).
 */
async function wahaFile(integration: Integration, url: string, maxBytes: number) {
  let path: string;
  try {
    const parsed = new URL(url);
    path = `${parsed.pathname}${parsed.search}`;
  } catch {
    throw new MediaFetchError(false, 'The bridge gave no usable URL for the file');
  }
  if (!path.startsWith('/api/files/'))
    throw new MediaFetchError(false, 'The bridge gave no usable URL for the file');
  const res = await fetch(`${baseUrlOf(integration)}${path}`, {
    headers: { 'X-Api-Key': apiKeyOf(integration) },
  });
  if (!res.ok)
    throw bridgeFailure(res.status, 'The bridge no longer has the file (WHATSAPP_FILES_LIFETIME)');
  return { bytes: await readCapped(res, maxBytes), mimeType: res.headers.get('content-type') };
}

/** Evolution API's `getBase64FromMediaMessage` for the message's key. */
async function evolutionFile(integration: Integration, keyId: string, maxBytes: number) {
  const instance = encodeURIComponent(String(integration.config.instance ?? ''));
  const res = await fetch(`${baseUrlOf(integration)}/chat/getBase64FromMediaMessage/${instance}`, {
    method: 'POST',
    headers: {
      apikey: apiKeyOf(integration),
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ message: { key: { id: keyId } }, convertToMp4: false }),
  });
  if (!res.ok) throw bridgeFailure(res.status, 'The bridge no longer has the message');
  // base64 is 4 characters for 3 bytes: the text is held to the limit before it is decoded.
  const body = JSON.parse(
    new TextDecoder().decode(await readCapped(res, Math.ceil(maxBytes / 3) * 4 + 64 * 1024)),
  ) as { base64?: unknown; mimetype?: unknown; fileName?: unknown };
  if (typeof body.base64 !== 'string' || body.base64 === '')
    throw new MediaFetchError(true, 'The bridge answered no file');
  const bytes = Buffer.from(body.base64, 'base64');
  if (bytes.byteLength > maxBytes) throw tooLargeToKeep(maxBytes);
  return {
    bytes,
    mimeType: typeof body.mimetype === 'string' ? body.mimetype : null,
    fileName: typeof body.fileName === 'string' && body.fileName ? body.fileName : null,
  };
}

/** A customer's file through the integration's bridge (`config.provider`). */
export async function fetchBridgeMedia(
  integration: Integration,
  source: { url?: unknown },
  externalId: string | null,
  maxBytes: number,
): Promise<FetchedMedia> {
  try {
    if (integration.config.provider === 'evolution') {
      if (!externalId) throw new MediaFetchError(false, 'The message has no id to fetch it by');
      return await evolutionFile(integration, externalId, maxBytes);
    }
    if (typeof source.url !== 'string')
      throw new MediaFetchError(false, 'The bridge gave no URL for the file');
    return { ...(await wahaFile(integration, source.url, maxBytes)), fileName: null };
  } catch (err) {
    if (err instanceof MediaFetchError) throw err;
    throw new MediaFetchError(true, `Downloading the file from the bridge failed: ${String(err)}`);
  }
}
