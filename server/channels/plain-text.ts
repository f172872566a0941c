import { messageText } from '../../shared/message-text';
import type { Message } from '../db/schema';

/** A channel without buttons gets an interactive message as text with numbered options. */
export function plainText(message: Message): string {
  const text = messageText(message.content);
  if (message.type !== 'interactive') return text;
  const action = (message.content.action ?? {}) as {
    buttons?: { title?: string; reply?: { title?: string } }[];
    sections?: { rows?: { title?: string }[] }[];
  };
  const options = (action.buttons ?? action.sections?.flatMap((s) => s.rows ?? []) ?? []).map(
    (o) => {
      const b = o as { title?: string; reply?: { title?: string } };
      return b.reply?.title ?? b.title ?? '';
    },
  );
  return [text, ...options.map((title, i) => numbered(title, i + 1))].join('\n');
}

/**
 * `n. title`, unless the title already starts with its number and a sign ("1 · Very poor", the
 * survey's rows): "1. 1 · Very poor" would read as two numbers. "1 item" is still numbered.
 */
function numbered(title: string, n: number) {
  const own = new RegExp(`^${n}\\s*[^\\p{L}\\p{N}\\s]`, 'u');
  return own.test(title) ? title : `${n}. ${title}`;
}
