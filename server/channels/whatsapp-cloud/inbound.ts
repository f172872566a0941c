import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelInbound } from '../../services/messages/inbound';
import type { ProviderStatus } from '../provider-status';

/**
 * X-Hub-Signature-256 is `sha256=` + HMAC-SHA256 of the raw body with the app secret, compared
 * in constant time before anything is parsed.
 */
export function validSignature(
  raw: Buffer,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface CloudMessage {
  id: string;
  from: string;
  timestamp?: string;
  type: string;
  text?: { body: string };
  interactive?: {
    type: 'button_reply' | 'list_reply';
    button_reply?: { id: string; title: string };
    list_reply?: { id: string; title: string; description?: string };
  };
  button?: { text: string; payload?: string };
  [media: string]: unknown;
}

interface CloudStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  timestamp?: string;
  errors?: { code: number; title?: string; message?: string }[];
}

interface CloudWebhook {
  object?: string;
  entry?: {
    changes?: {
      field?: string;
      value?: {
        metadata?: { phone_number_id?: string };
        contacts?: { wa_id: string; profile?: { name?: string } }[];
        messages?: CloudMessage[];
        statuses?: CloudStatus[];
      };
    }[];
  }[];
}

const MEDIA = ['image', 'audio', 'video', 'document', 'sticker'] as const;

function normalise(m: CloudMessage): Pick<ChannelInbound, 'type' | 'content' | 'metadata'> {
  if (m.type === 'text' && m.text) return { type: 'text', content: { text: m.text.body } };
  if (m.type === 'interactive' && m.interactive) {
    const reply = m.interactive.button_reply ?? m.interactive.list_reply;
    return {
      type: 'interactive',
      content: { type: m.interactive.type, [m.interactive.type]: reply, text: reply?.title ?? '' },
    };
  }
  if (m.type === 'button' && m.button) {
    return {
      type: 'interactive',
      content: { type: 'button', text: m.button.text, payload: m.button.payload ?? null },
    };
  }
  const kind = MEDIA.find((k) => k === m.type);
  if (kind && m[kind] && typeof m[kind] === 'object') {
    // The media itself stays with Meta; we keep its metadata (id, type, hash, caption, name).
    const media = m[kind] as {
      id?: string;
      mime_type?: string;
      sha256?: string;
      caption?: string;
      filename?: string;
    };
    const attachment = {
      type: kind,
      id: media.id,
      mime_type: media.mime_type,
      sha256: media.sha256,
      filename: media.filename ?? null,
    };
    return {
      type: 'media',
      content: {
        mediaType: kind,
        caption: media.caption ?? null,
        text: media.caption ?? `[${kind}]`,
      },
      metadata: { attachments: [attachment] },
    };
  }
  return {
    type: 'text',
    content: { text: `[unsupported ${m.type} message]` },
    metadata: { unsupportedType: m.type },
  };
}

/** Messages (with the sender's profile name) and delivery statuses of one webhook delivery. */
export function parseCloudWebhook(body: unknown): {
  messages: ChannelInbound[];
  statuses: ProviderStatus[];
} {
  const out = { messages: [] as ChannelInbound[], statuses: [] as ProviderStatus[] };
  for (const entry of (body as CloudWebhook).entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (!value) continue;
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]));
      for (const m of value.messages ?? []) {
        out.messages.push({
          externalId: m.id,
          from: m.from,
          profileName: names.get(m.from) ?? null,
          phoneNumber: m.from,
          ...normalise(m),
        });
      }
      for (const s of value.statuses ?? []) {
        const error = s.errors?.[0];
        out.statuses.push({
          externalId: s.id,
          status: s.status,
          at: s.timestamp ? new Date(Number(s.timestamp) * 1000) : undefined,
          errorCode: error ? String(error.code) : null,
          errorTitle: error ? (error.title ?? error.message ?? null) : null,
        });
      }
    }
  }
  return out;
}
