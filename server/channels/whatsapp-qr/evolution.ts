import type { DeliveryStatus } from '../../../shared/enums';
import type { Integration, Message } from '../../db/schema';
import { plainText } from '../plain-text';
import type { OutboundMedia, ParsedDelivery, SendResult } from '../types';
import { bridgeFetch } from './http';
import { base64Of, bridgeMediaContent, wahaKindOf } from './media';

const STATUS: Record<string, DeliveryStatus> = {
  ERROR: 'failed',
  PENDING: 'pending',
  SERVER_ACK: 'sent',
  DELIVERY_ACK: 'delivered',
  READ: 'read',
  PLAYED: 'read',
};

export async function evolutionSend(
  integration: Integration,
  to: string,
  message: Message,
  media?: OutboundMedia,
): Promise<SendResult> {
  const instance = encodeURIComponent(String(integration.config.instance ?? ''));
  if (media) {
    // The bytes as base64 (the bridge may not reach our signed links); Evolution's caption is
    // a required string.
    const body = (await bridgeFetch(integration, `/message/sendMedia/${instance}`, 'apikey', {
      number: to.split('@')[0],
      mediatype: wahaKindOf(media.contentType),
      mimetype: media.contentType,
      caption: media.caption ?? '',
      media: await base64Of(media),
      fileName: media.fileName,
    })) as { key?: { id?: string } };
    return { externalId: body.key?.id ?? null, status: 'sent' };
  }
  const body = (await bridgeFetch(integration, `/message/sendText/${instance}`, 'apikey', {
    number: to.split('@')[0],
    text: plainText(message),
  })) as { key?: { id?: string } };
  return { externalId: body.key?.id ?? null, status: 'sent' };
}

interface EvolutionEvent {
  event?: string;
  instance?: string;
  data?: {
    key?: { remoteJid?: string; fromMe?: boolean; id?: string };
    keyId?: string;
    remoteJid?: string;
    fromMe?: boolean;
    pushName?: string;
    status?: string;
    messageType?: string;
    message?: {
      conversation?: string;
      extendedTextMessage?: { text?: string };
      imageMessage?: { caption?: string; mimetype?: string };
      documentMessage?: { fileName?: string; mimetype?: string; caption?: string };
      audioMessage?: { mimetype?: string };
      videoMessage?: { caption?: string; mimetype?: string };
    };
  };
}

function textOf(m: NonNullable<NonNullable<EvolutionEvent['data']>['message']>): {
  text: string;
  media?: Record<string, unknown>;
  content?: Record<string, unknown>;
} {
  if (typeof m.conversation === 'string' && m.conversation) return { text: m.conversation };
  const extended = m.extendedTextMessage?.text;
  if (typeof extended === 'string' && extended) return { text: extended };
  for (const [kind, v] of Object.entries(m)) {
    if (!v || typeof v !== 'object' || !kind.endsWith('Message')) continue;
    const media = v as { caption?: unknown; mimetype?: unknown; fileName?: unknown };
    const mimeType = typeof media.mimetype === 'string' ? media.mimetype : null;
    const caption = typeof media.caption === 'string' ? media.caption : '';
    return {
      text: caption || `[${kind.replace('Message', '')}]`,
      media: {
        type: kind.replace('Message', ''),
        mime_type: mimeType,
        filename: typeof media.fileName === 'string' ? media.fileName : null,
      },
      // Fetched by the media-download job through getBase64FromMediaMessage (the message's key).
      content: bridgeMediaContent(mimeType, caption, true),
    };
  }
  return { text: '' };
}

/** Evolution API webhooks: `messages.upsert` (inbound) and `messages.update` (delivery). */
export function parseEvolution(body: unknown): ParsedDelivery {
  // The body's shape is not trusted: anything but the fields below, where Evolution puts them,
  // is no message (the webhook route checks the values: usableDelivery).
  const event = (body ?? {}) as EvolutionEvent;
  const d = event.data;
  const name = (typeof event.event === 'string' ? event.event : '').toLowerCase().replace('_', '.');
  if (!d || typeof d !== 'object') return { messages: [], statuses: [] };
  if (
    name === 'messages.upsert' &&
    d.key?.id &&
    typeof d.key.remoteJid === 'string' &&
    !d.key.fromMe &&
    d.message &&
    typeof d.message === 'object'
  ) {
    const { text, media, content } = textOf(d.message);
    return {
      messages: [
        {
          externalId: d.key.id,
          from: d.key.remoteJid,
          profileName: d.pushName ?? null,
          phoneNumber: d.key.remoteJid.split('@')[0] ?? null,
          type: media ? 'media' : 'text',
          content: content ?? { text },
          metadata: media ? { attachments: [media] } : undefined,
        },
      ],
      statuses: [],
    };
  }
  const id = d.keyId ?? d.key?.id;
  const status = typeof d.status === 'string' ? STATUS[d.status] : undefined;
  if (name === 'messages.update' && id && status) {
    return {
      messages: [],
      statuses: [
        {
          externalId: id,
          status,
          ...(status === 'failed'
            ? { errorCode: 'bridge_error', errorTitle: 'The bridge reported an error' }
            : {}),
        },
      ],
    };
  }
  return { messages: [], statuses: [] };
}
