import { messageText } from '../../../shared/message-text';
import type { Message } from '../../db/schema';
import { PermanentSendError } from '../types';

const MAX_BUTTONS = 3;
const MAX_BUTTON_TITLE = 20;
const MAX_ROWS = 10;
const MAX_ROW_TITLE = 24;

interface Option {
  id: string;
  title: string;
  description?: string;
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Options of an interactive message, whichever shape the bot or operator wrote. */
function optionsOf(content: Record<string, unknown>): Option[] {
  const action = (content.action ?? {}) as {
    buttons?: unknown[];
    sections?: { rows?: unknown[] }[];
  };
  const raw = action.buttons ?? action.sections?.flatMap((s) => s.rows ?? []) ?? [];
  return raw.map((b, i) => {
    const o = b as {
      id?: string;
      title?: string;
      description?: string;
      reply?: { id?: string; title?: string };
    };
    return {
      id: String(o.reply?.id ?? o.id ?? i + 1),
      title: String(o.reply?.title ?? o.title ?? ''),
      description: o.description,
    };
  });
}

/**
 * The Graph API body for one of our messages: text; reply buttons (≤ 3, titles cut to 20) or,
 * with more options, a list (≤ 10 rows); templates as they are.
 */
export function toGraphMessage(to: string, message: Message): Record<string, unknown> {
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
  if (message.type === 'interactive') {
    const body = { text: messageText(content) || ' ' };
    const options = optionsOf(content);
    if (options.length === 0)
      throw new PermanentSendError(
        'invalid_message',
        'An interactive message needs at least one option',
      );
    if (options.length <= MAX_BUTTONS) {
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body,
          action: {
            buttons: options.map((o) => ({
              type: 'reply',
              reply: { id: o.id, title: cut(o.title, MAX_BUTTON_TITLE) },
            })),
          },
        },
      };
    }
    if (options.length > MAX_ROWS)
      throw new PermanentSendError(
        'invalid_message',
        `A WhatsApp list holds at most ${MAX_ROWS} options`,
      );
    const button =
      typeof (content.action as { button?: unknown })?.button === 'string'
        ? (content.action as { button: string }).button
        : 'Options';
    return {
      ...base,
      type: 'interactive',
      interactive: {
        type: 'list',
        body,
        action: {
          button: cut(button, 20),
          sections: [
            {
              title: 'Options',
              rows: options.map((o) => ({
                id: o.id,
                title: cut(o.title, MAX_ROW_TITLE),
                ...(o.description ? { description: cut(o.description, 72) } : {}),
              })),
            },
          ],
        },
      },
    };
  }
  if (message.type === 'media')
    throw new PermanentSendError('unsupported', 'Sending media is not supported yet');
  return { ...base, type: 'text', text: { preview_url: false, body: messageText(content) } };
}
