import type { MessageKey } from './i18n';
import type { Language } from './language';

/** The widget's own words for a refused upload, by the server's status. */
const BY_STATUS: Record<number, MessageKey> = {
  413: 'files.tooLarge',
  415: 'files.wrongType',
  429: 'files.tooMany',
};

/**
 * What to tell the visitor of an upload the server answered `status` (with its JSON `body`):
 * a catalogue key, or the server's own text. The server's refusals are English only, so only
 * an English visitor sees them (a size's names the limit); others get the widget's words for
 * the kind of refusal. A type refused is always ours: the server's names MIME types.
 */
export function uploadRefusal(
  status: number,
  body: unknown,
  language: Language,
): { key: MessageKey } | { text: string } {
  const said = (body as { message?: unknown } | null)?.message;
  const message = Array.isArray(said) ? said[0] : said;
  const refused = status >= 400 && status < 500;
  if (language === 'en' && refused && status !== 415 && typeof message === 'string' && message)
    return { text: message };
  return { key: BY_STATUS[status] ?? (refused ? 'files.refused' : 'files.failed') };
}
