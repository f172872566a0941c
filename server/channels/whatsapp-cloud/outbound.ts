import { messageText } from '../../../shared/message-text';
import type { Message } from '../../db/schema';
import { PermanentSendError } from '../types';

/*
 * The Cloud API's limits for interactive messages (Meta's "Interactive reply buttons" and
 * "Interactive list messages" references): a text is cut to its limit, ending in "…", since a
 * shortened label still works; an id is never cut (the customer's reply comes back with it),
 * so one too long, a repeated one or too many options fail the message before the API is called.
 */
const MAX_BODY = 1024;
const MAX_HEADER = 60;
const MAX_FOOTER = 60;
const MAX_BUTTONS = 3;
const MAX_BUTTON_TITLE = 20;
const MAX_BUTTON_ID = 256;
const MAX_LIST_BUTTON = 20;
const MAX_SECTIONS = 10;
const MAX_SECTION_TITLE = 24;
const MAX_ROWS = 10;
const MAX_ROW_TITLE = 24;
const MAX_ROW_DESCRIPTION = 72;
const MAX_ROW_ID = 200;

interface Option {
  id: string;
  title: string;
  description?: string;
}

interface Section {
  title?: string;
  options: Option[];
}

/** `s` in at most `n` characters (code points: an emoji is not split in half). */
function cut(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const invalid = (message: string) => new PermanentSendError('invalid_message', message);

/** One button or row, whichever shape the bot or operator wrote (ours or the Graph API's). */
function optionOf(raw: unknown, i: number): Option {
  const o = (raw ?? {}) as Record<string, unknown>;
  const reply = (o.reply ?? {}) as Record<string, unknown>;
  const id = reply.id ?? o.id ?? i + 1;
  const description = str(o.description);
  return {
    id: String(id),
    title: str(reply.title) ?? str(o.title) ?? '',
    ...(description ? { description } : {}),
  };
}

/** The sections of an interactive content: a list's own, or its buttons as one section. */
function sectionsOf(content: Record<string, unknown>): Section[] {
  const action = (content.action ?? {}) as { buttons?: unknown; sections?: unknown };
  if (Array.isArray(action.sections)) {
    let n = 0;
    return action.sections.map((s: { title?: unknown; rows?: unknown }) => ({
      title: str(s?.title),
      options: (Array.isArray(s?.rows) ? s.rows : []).map((r) => optionOf(r, n++)),
    }));
  }
  const buttons = Array.isArray(action.buttons) ? action.buttons : [];
  return [{ options: buttons.map(optionOf) }];
}

/** Refuses what the API would: no options, a blank title, a repeated or overlong id. */
function checkOptions(options: Option[], maxId: number) {
  if (options.length === 0) throw invalid('An interactive message needs at least one option');
  const ids = new Set<string>();
  for (const o of options) {
    if (!o.title.trim()) throw invalid(`Option ${o.id} has no title`);
    if (o.id.length > maxId)
      throw invalid(`An option's id holds at most ${maxId} characters on WhatsApp`);
    if (ids.has(o.id)) throw invalid(`Two options share the id ${o.id}`);
    ids.add(o.id);
  }
}

/** The optional text header and footer a content may carry, cut to their limits. */
function headerAndFooter(content: Record<string, unknown>) {
  const header = content.header as { text?: unknown } | string | undefined;
  const headerText = typeof header === 'string' ? header : str(header?.text);
  const footer = content.footer as { text?: unknown } | string | undefined;
  const footerText = typeof footer === 'string' ? footer : str(footer?.text);
  return {
    ...(headerText ? { header: { type: 'text', text: cut(headerText, MAX_HEADER) } } : {}),
    ...(footerText ? { footer: { text: cut(footerText, MAX_FOOTER) } } : {}),
  };
}

/**
 * The Graph API's `interactive` object: reply buttons for a `button` message of up to three;
 * a list for a `list` message, or for more buttons than three (at most ten rows in all).
 */
function toGraphInteractive(content: Record<string, unknown>): Record<string, unknown> {
  const body = { text: cut(messageText(content), MAX_BODY) || ' ' };
  const extras = headerAndFooter(content);
  const sections = sectionsOf(content);
  const options = sections.flatMap((s) => s.options);
  if (content.type !== 'list' && options.length <= MAX_BUTTONS) {
    checkOptions(options, MAX_BUTTON_ID);
    return {
      type: 'button',
      ...extras,
      body,
      action: {
        buttons: options.map((o) => ({
          type: 'reply',
          reply: { id: o.id, title: cut(o.title, MAX_BUTTON_TITLE) },
        })),
      },
    };
  }
  if (options.length > MAX_ROWS) throw invalid(`A WhatsApp list holds at most ${MAX_ROWS} options`);
  checkOptions(options, MAX_ROW_ID);
  // More than one section needs every section titled; without titles, one untitled section.
  const kept = sections.filter((s) => s.options.length > 0);
  const titled = kept.length === 1 || kept.every((s) => s.title?.trim());
  const listed = titled && kept.length <= MAX_SECTIONS ? kept : [{ options }];
  const label = str((content.action as { button?: unknown } | undefined)?.button)?.trim();
  return {
    type: 'list',
    ...extras,
    body,
    action: {
      button: cut(label || 'Options', MAX_LIST_BUTTON),
      sections: listed.map((s) => ({
        ...(s.title?.trim() ? { title: cut(s.title.trim(), MAX_SECTION_TITLE) } : {}),
        rows: s.options.map((o) => ({
          id: o.id,
          title: cut(o.title, MAX_ROW_TITLE),
          ...(o.description ? { description: cut(o.description, MAX_ROW_DESCRIPTION) } : {}),
        })),
      })),
    },
  };
}

/** A media message's part of the body: its kind and `{id, caption?, filename?}` (media.ts). */
export interface GraphMedia {
  kind: string;
  object: Record<string, unknown>;
}

/**
 * The Graph API body for one of our messages: text, interactive (above), templates as they are,
 * media by the id its upload answered.
 */
export function toGraphMessage(
  to: string,
  message: Message,
  media?: GraphMedia,
): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  const content = message.content;
  if (message.type === 'template') {
    const language =
      typeof content.language === 'string' ? { code: content.language } : content.language;
    return {
      ...base,
      type: 'template',
      template: {
        name: content.name,
        language: language ?? { code: 'en_US' },
        ...(content.components ? { components: content.components } : {}),
      },
    };
  }
  if (message.type === 'interactive')
    return { ...base, type: 'interactive', interactive: toGraphInteractive(content) };
  if (message.type === 'media') {
    if (!media) throw new PermanentSendError('attachment_missing', 'The file to send is gone');
    return { ...base, type: media.kind, [media.kind]: media.object };
  }
  return { ...base, type: 'text', text: { preview_url: false, body: messageText(content) } };
}
