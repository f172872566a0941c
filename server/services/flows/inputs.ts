import { chosenOption, type FlowChoice, type FlowInput } from '../../../shared/flow';
import { messageText } from '../../../shared/message-text';
import { phoneFromAddress } from '../../../shared/phone';

/**
 * An ask node's answer checked against its input kind (issue 21): the value stored in the
 * node's variable, or null when the customer must be asked again. Pure.
 */
export type Answer = { ok: true; value: string } | { ok: false };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
/** A number as people type it: `12`, `-3`, `4.5`, `4,5` (a decimal comma is common in Brazil). */
const NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/** Lower case, accents stripped, inner spaces collapsed: how typed titles are compared. */
export const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The choice a customer meant: a pressed button or list row (its id), else typed text that
 * names exactly one choice: its id, its title (accents and case aside), its number in the list
 * ("1", "2"), or the start of one title only. Several or none: null (asked again).
 */
export function matchChoice(
  content: Record<string, unknown>,
  choices: readonly FlowChoice[],
): FlowChoice | null {
  const pressed = chosenOption(content);
  if (pressed) {
    const byId = choices.find((c) => c.id === pressed.id);
    if (byId) return byId;
    // A button of an older message, or a channel that only echoes the title.
    return matchTyped(pressed.title, choices);
  }
  return matchTyped(messageText(content), choices);
}

function matchTyped(text: string, choices: readonly FlowChoice[]): FlowChoice | null {
  const typed = text.trim();
  if (!typed) return null;
  const exactId = choices.find((c) => c.id === typed);
  if (exactId) return exactId;
  const folded = fold(typed);
  const byTitle = choices.filter((c) => fold(c.title) === folded);
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) return null;
  if (/^\d{1,2}$/.test(typed)) {
    const n = Number(typed);
    return n >= 1 && n <= choices.length ? choices[n - 1]! : null;
  }
  const byPrefix = choices.filter((c) => fold(c.title).startsWith(folded));
  return byPrefix.length === 1 ? byPrefix[0]! : null;
}

/** A date the customer typed: ISO `2026-12-31`, or day first `31/12/2026` (`-` or `.` too). */
function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [0, 0, 0];
  if (!y) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The value an answer stores: a choice's id; a number in its plain form (`4,5` → `4.5`); an
 * email in lower case; a phone in E.164; a date as `YYYY-MM-DD`; text as typed.
 */
export function checkAnswer(
  input: FlowInput,
  content: Record<string, unknown>,
  choices: readonly FlowChoice[] = [],
): Answer {
  if (input === 'choice') {
    const choice = matchChoice(content, choices);
    return choice ? { ok: true, value: choice.id } : { ok: false };
  }
  const text = messageText(content).trim();
  if (!text) return { ok: false };
  switch (input) {
    case 'text':
      return { ok: true, value: text };
    case 'number':
      return NUMBER.test(text)
        ? { ok: true, value: String(Number(text.replace(',', '.'))) }
        : { ok: false };
    case 'email':
      return EMAIL.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false };
    case 'phone': {
      const digits = text.replace(/[\s().-]/g, '');
      const phone = phoneFromAddress(digits.startsWith('+') ? digits : `+${digits}`);
      return phone ? { ok: true, value: phone } : { ok: false };
    }
    case 'date': {
      const date = parseDate(text);
      return date ? { ok: true, value: date } : { ok: false };
    }
  }
}
