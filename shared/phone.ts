import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** WhatsApp's chat ids for one person: a bridge's `<number>@c.us`, Baileys' `@s.whatsapp.net`. */
const WHATSAPP_CHAT_ID = /^(\d{8,15})@(?:c\.us|s\.whatsapp\.net)$/;
/** A wa_id is the number without its `+`: 8 to 15 digits, as E.164 allows. */
const BARE_DIGITS = /^\d{8,15}$/;
/** A number written with its `+`, allowing the separators people type. */
const PLUS_NUMBER = /^\+\d[\d\s().-]{6,24}$/;

/**
 * The E.164 form (`+56912345678`) of a customer's address when the address is a phone number:
 * a `+` number, a wa_id, or a WhatsApp chat id of a person. Anything else is null: a widget
 * visitor's `web-<uuid>`, a group's `@g.us`, an integration's numeric user id that no region
 * would dial. Validity is libphonenumber-js's, with its default metadata (the country code, the
 * length and leading digits each region allows); the stricter "max" metadata refuses numbers
 * WhatsApp serves, such as Chile's `+56 9 1234 5678`.
 */
export function phoneFromAddress(address: string | null | undefined): string | null {
  const text = address?.trim() ?? '';
  const digits = WHATSAPP_CHAT_ID.exec(text)?.[1] ?? (BARE_DIGITS.test(text) ? text : undefined);
  const candidate = digits !== undefined ? `+${digits}` : PLUS_NUMBER.test(text) ? text : null;
  if (!candidate) return null;
  const parsed = parsePhoneNumberFromString(candidate);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * The ways a stored phone may spell an E.164 number: as we store it, and the bare digits agents
 * and seed 003's examples type (`5511999999999`). Two contacts holding either are one phone.
 */
export const storedFormsOf = (e164: string): [string, string] => [e164, e164.slice(1)];
