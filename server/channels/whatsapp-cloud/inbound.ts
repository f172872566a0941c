import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundMessage, ParsedDelivery } from '../types';

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

/** What one change of a delivery carries (`entry[].changes[].value`). */
interface CloudValue {
  metadata?: { phone_number_id?: string };
  contacts?: unknown;
  messages?: unknown;
  statuses?: unknown;
}

/** `value` when it is an array of objects, else nothing: a payload's shape is not trusted. */
const objects = <T>(value: unknown): T[] =>
  Array.isArray(value)
    ? value.filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
    : [];

const asObject = <T>(value: unknown): T | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as T) : undefined;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

const MEDIA = ['image', 'audio', 'video', 'document', 'sticker'] as const;

function normalise(m: CloudMessage): Pick<InboundMessage, 'type' | 'content' | 'metadata'> {
  if (m.type === 'text' && typeof m.text?.body === 'string')
    return { type: 'text', content: { text: m.text.body } };
  const replyType = m.interactive?.type;
  if (m.type === 'interactive' && (replyType === 'button_reply' || replyType === 'list_reply')) {
    const reply = asObject<{ title?: unknown }>(m.interactive?.[replyType]);
    return {
      type: 'interactive',
      content: { type: replyType, [replyType]: reply ?? null, text: text(reply?.title) ?? '' },
    };
  }
  if (m.type === 'button' && typeof m.button?.text === 'string') {
    return {
      type: 'interactive',
      content: { type: 'button', text: m.button.text, payload: m.button.payload ?? null },
    };
  }
  const kind = MEDIA.find((k) => k === m.type);
  if (kind && m[kind] && typeof m[kind] === 'object') {
    // Its metadata (id, type, hash, caption, name) as Meta sent it.
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
    // With an id the file is fetched and stored by the media-download job (until then, and if
    // that fails for good, the content says so).
    return {
      type: 'media',
      content: {
        mediaType: kind,
        caption: text(media.caption) ?? null,
        text: text(media.caption) ?? `[${kind}]`,
        ...(text(media.id) ? { download: { state: 'downloading' } } : {}),
      },
      metadata: { attachments: [attachment] },
    };
  }
  return {
    type: 'text',
    content: { text: `[unsupported ${text(m.type) ?? 'unknown'} message]` },
    metadata: { unsupportedType: text(m.type) ?? null },
  };
}

/**
 * Messages (with the sender's profile name) and delivery statuses of one webhook delivery.
 * Whatever the body's shape, this never throws: a part that is not where Meta puts it is
 * skipped, and the fields it copies are left for the webhook route to check (usableDelivery).
 */
export function parseCloudWebhook(body: unknown): ParsedDelivery {
  const out: ParsedDelivery = { messages: [], statuses: [] };
  for (const entry of objects<{ changes?: unknown }>(asObject<{ entry?: unknown }>(body)?.entry)) {
    for (const change of objects<{ value?: unknown }>(entry.changes)) {
      const value = asObject<CloudValue>(change.value);
      if (!value) continue;
      const names = new Map(
        objects<{ wa_id?: unknown; profile?: { name?: unknown } }>(value.contacts).map((c) => [
          c.wa_id,
          text(asObject<{ name?: unknown }>(c.profile)?.name) ?? null,
        ]),
      );
      for (const m of objects<CloudMessage>(value.messages)) {
        out.messages.push({
          externalId: m.id,
          from: m.from,
          profileName: names.get(m.from) ?? null,
          phoneNumber: m.from,
          ...normalise(m),
        });
      }
      for (const s of objects<CloudStatus>(value.statuses)) {
        const error = objects<NonNullable<CloudStatus['errors']>[number]>(s.errors)[0];
        out.statuses.push({
          externalId: s.id,
          status: s.status,
          at: /^\d{1,12}$/.test(String(s.timestamp))
            ? new Date(Number(s.timestamp) * 1000)
            : undefined,
          errorCode: error ? String(error.code) : null,
          errorTitle: error ? (text(error.title) ?? text(error.message) ?? null) : null,
        });
      }
    }
  }
  return out;
}
