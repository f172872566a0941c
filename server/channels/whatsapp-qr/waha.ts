import type { DeliveryStatus } from '../../../shared/enums';
import type { Integration, Message } from '../../db/schema';
import { plainText } from '../plain-text';
import type { ParsedDelivery, SendResult } from '../types';
import { bridgeFetch } from './http';

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
): Promise<SendResult> {
  const session = String(integration.config.session ?? 'default');
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
    const media =
      p.hasMedia && p.media && typeof p.media === 'object'
        ? {
            attachments: [
              {
                type: 'media',
                url: p.media.url ?? null,
                mime_type: p.media.mimetype ?? null,
                filename: p.media.filename ?? null,
              },
            ],
          }
        : undefined;
    return {
      messages: [
        {
          externalId: p.id,
          from: p.from,
          profileName: p._data?.notifyName ?? null,
          phoneNumber: p.from.split('@')[0] ?? null,
          type: media ? 'media' : 'text',
          content: { text: typeof p.body === 'string' ? p.body : '' },
          metadata: media,
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
