import { createHash } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { GRAPH } from './whatsapp-cloud';

/** Where Meta serves a customer's media (the lookup's `url`, valid 5 minutes). */
export const LOOKASIDE = 'https://lookaside.fbsbx.com/whatsapp_business/attachments/';

export interface CapturedUpload {
  authorization: string | null;
  messagingProduct: FormDataEntryValue | null;
  type: FormDataEntryValue | null;
  fileName: string;
  fileType: string;
  bytes: Buffer;
}

/** `POST /{phone-number-id}/media` (multipart): records the parts, answers `{id}`. */
export function mediaUploadHandler(
  phoneNumberId: string,
  respond: (call: number) => Response,
  captured: CapturedUpload[] = [],
) {
  return http.post(`${GRAPH}/${phoneNumberId}/media`, async ({ request }) => {
    const form = await request.formData();
    const file = form.get('file') as File;
    captured.push({
      authorization: request.headers.get('authorization'),
      messagingProduct: form.get('messaging_product'),
      type: form.get('type'),
      fileName: file.name,
      fileType: file.type,
      bytes: Buffer.from(await file.arrayBuffer()),
    });
    return respond(captured.length);
  });
}

export const uploaded = (id: string) => HttpResponse.json({ id });

/** Meta's answer to `GET /{media-id}`: `file_size` is a string, `sha256` hex. */
export function mediaInfo(mediaId: string, bytes: Uint8Array, mimeType: string) {
  return {
    messaging_product: 'whatsapp',
    url: `${LOOKASIDE}?mid=${mediaId}&ext=1733212800&hash=ATsd8d9f`,
    mime_type: mimeType,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    file_size: String(bytes.byteLength),
    id: mediaId,
  };
}

export interface MediaCalls {
  lookups: { id: string; authorization: string | null; phoneNumberId: string | null }[];
  downloads: { mid: string | null; authorization: string | null }[];
}

/**
 * A customer's media on Meta's side: `GET /{media-id}` and the lookaside download. `fail(n)`
 * may answer the n-th download instead (an outage, an expired link), or hold it a while.
 */
export function customerMedia(
  files: Record<string, { bytes: Uint8Array; mimeType: string }>,
  calls: MediaCalls = { lookups: [], downloads: [] },
  fail?: (download: number) => Response | undefined | Promise<Response | undefined>,
) {
  return [
    http.get(`${GRAPH}/:mediaId`, ({ request, params }) => {
      const id = String(params.mediaId);
      calls.lookups.push({
        id,
        authorization: request.headers.get('authorization'),
        phoneNumberId: new URL(request.url).searchParams.get('phone_number_id'),
      });
      const file = files[id];
      if (!file) {
        return HttpResponse.json(
          {
            error: {
              message: 'Unsupported get request. Object with ID does not exist',
              type: 'GraphMethodException',
              code: 100,
              error_subcode: 33,
              fbtrace_id: 'AbC123',
            },
          },
          { status: 400 },
        );
      }
      return HttpResponse.json(mediaInfo(id, file.bytes, file.mimeType));
    }),
    http.get(LOOKASIDE, async ({ request }) => {
      const mid = new URL(request.url).searchParams.get('mid');
      calls.downloads.push({ mid, authorization: request.headers.get('authorization') });
      const failed = await fail?.(calls.downloads.length);
      if (failed) return failed;
      const file = mid ? files[mid] : undefined;
      if (!file) return new HttpResponse(null, { status: 404 });
      return new HttpResponse(new Uint8Array(file.bytes), {
        headers: { 'content-type': file.mimeType, 'content-length': String(file.bytes.byteLength) },
      });
    }),
  ];
}

/** An inbound media message in the webhook's shape (`image`, `document`, ...). */
export function mediaMessage(
  from: string,
  wamid: string,
  kind: string,
  media: Record<string, unknown>,
) {
  return {
    contacts: [{ profile: { name: 'Maria Santos' }, wa_id: from }],
    messages: [
      {
        from,
        id: wamid,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: kind,
        [kind]: media,
      },
    ],
  };
}
