import type { DeliveryStatus } from '../../../shared/enums';
import type { Integration, Message } from '../../db/schema';
import { plainText } from '../plain-text';
import type { OutboundMedia, ParsedDelivery, SendResult } from '../types';
import { bridgeFetch } from './http';
import { base64Of, bridgeMediaContent, wahaKindOf } from './media';

/** WAHA's ack codes: -1 ERROR, 0 PENDING, 1 SERVER, 2 DEVICE, 3 READ, 4 PLAYED. */
const ACK: Record<number, DeliveryStatus> = {
  [-1]: 'failed',
  0: 'pending',
  1: 'sent',
  2: 'delivered',
  3: 'read',
  4: 'read',
};

const chatId = (to: string) => (to.includes('@') ? to : `${to.replace(/\D/g, '')}@c.us`);

/** WAHA returns the engine's message object: its id is a string or `{_serialized}`. */
function idOf(body: {
  id?: string | { _serialized?: string };
  key?: { id?: string };
}): string | null {
  if (typeof body.id === 'string') return body.id;
  return body.id?._serialized ?? body.key?.id ?? null;
}

export async function wahaSend(
  integration: Integration,
  to: string,
  message: Message,
  media?: OutboundMedia,
): Promise<SendResult> {
  const session = String(integration.config.session ?? 'default');
  if (media) {
    // An image inline (sendImage), anything else as a file with its name (sendFile); the bytes
    // as base64, since the bridge may not reach our signed links.
    const path = wahaKindOf(media.contentType) === 'image' ? '/api/sendImage' : '/api/sendFile';
    const body = await bridgeFetch(integration, path, 'X-Api-Key', {
      session,
      chatId: chatId(to),
      file: { mimetype: media.contentType, filename: media.fileName, data: await base64Of(media) },
      ...(media.caption ? { caption: media.caption } : {}),
    });
    return { externalId: idOf(body as never), status: 'sent' };
  }
  const body = await bridgeFetch(integration, '/api/sendText', 'X-Api-Key', {
    session,
    chatId: chatId(to),
    text: plainText(message),
  });
  return { externalId: idOf(body as never), status: 'sent' };
}

interface WahaEvent {
  event?: string;
  session?: string;
  payload?: {
    id?: string;
    from?: string;
    fromMe?: boolean;
    body?: string;
    hasMedia?: boolean;
    media?: { url?: string; mimetype?: string; filename?: string } | null;
    ack?: number;
    _data?: { notifyName?: string };
  };
}

export function parseWaha(body: unknown): ParsedDelivery {
  // The body's shape is not trusted: anything but the fields below, where WAHA puts them, is
  // no message (the webhook route checks the values: usableDelivery).
  const event = (body ?? {}) as WahaEvent;
  const p = event.payload;
  if (!p || typeof p !== 'object' || typeof p.id !== 'string')
    return { messages: [], statuses: [] };
  if (event.event === 'message' && !p.fromMe && typeof p.from === 'string') {
    const text = typeof p.body === 'string' ? p.body : '';
    const file = p.hasMedia && p.media && typeof p.media === 'object' ? p.media : undefined;
    const mimeType = typeof file?.mimetype === 'string' ? file.mimetype : null;
    const url = typeof file?.url === 'string' && file.url ? file.url : null;
    return {
      messages: [
        {
          externalId: p.id,
          from: p.from,
          profileName: p._data?.notifyName ?? null,
          phoneNumber: p.from.split('@')[0] ?? null,
          type: file ? 'media' : 'text',
          // WAHA's body is the caption; a file with a URL is fetched by the media-download job.
          content: file ? bridgeMediaContent(mimeType, text, url !== null) : { text },
          metadata: file
            ? {
                attachments: [
                  {
                    type: wahaKindOf(mimeType ?? ''),
                    url,
                    mime_type: mimeType,
                    filename: typeof file.filename === 'string' ? file.filename : null,
                  },
                ],
              }
            : undefined,
        },
      ],
      statuses: [],
    };
  }
  if (event.event === 'message.ack' && typeof p.ack === 'number' && ACK[p.ack]) {
    return {
      messages: [],
      statuses: [
        {
          externalId: p.id,
          status: ACK[p.ack]!,
          ...(p.ack === -1
            ? { errorCode: 'bridge_error', errorTitle: 'The bridge reported an error' }
            : {}),
        },
      ],
    };
  }
  return { messages: [], statuses: [] };
}
