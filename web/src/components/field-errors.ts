import { TRPCClientError } from '@trpc/client';
import { errorMessage } from '../lib/errors';
import { currentLocale, i18n } from '../lib/i18n';

/**
 * A form field the server may name in an error: its input name and its English label. The
 * server writes its messages in English ("External ID already exists"), so the English label is
 * what finds the field; the message is then said in the console's language (see `phrase`).
 */
export interface FieldSpec {
  name: string;
  label: string;
}

export interface FormErrors {
  /** Messages per field name, shown next to the field. */
  fields: Record<string, string>;
  /** What belongs to no field (or a summary), for the form's alert. */
  form: string | null;
}

const NONE: FormErrors = { fields: {}, form: null };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The field a message is about. Seed-style messages start with the field ("name must be…"),
 * service conflicts with its label ("External ID already exists"); ids such as `tag_ids` may
 * appear anywhere ("each value in tag_ids…").
 */
function fieldOf(message: string, fields: FieldSpec[]): FieldSpec | undefined {
  const lower = message.toLowerCase();
  const byLength = [...fields].sort((a, b) => b.label.length - a.label.length);
  return (
    byLength.find(
      (f) =>
        lower.startsWith(`${f.name.toLowerCase()} `) || lower.startsWith(f.label.toLowerCase()),
    ) ??
    byLength.find(
      (f) => /[_A-Z]/.test(f.name) && new RegExp(`\\b${escapeRegExp(f.name)}\\b`).test(message),
    )
  );
}

/*
 * What the server says about a field, after the field's name or label, in the words of another
 * language: shown under the field, they need not name it. Anything else stays as the server
 * wrote it.
 */
const KNOWN: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^ should not be empty$/i, () => i18n.t('common:errors.empty')],
  [/^ already exists$/i, () => i18n.t('common:errors.exists')],
  [/^ is taken$/i, () => i18n.t('common:errors.taken')],
  [
    /^ must be (?:a string )?shorter than or equal to (\d+) characters$/i,
    (m) => i18n.t('common:errors.tooLong', { count: Number(m[1]) }),
  ],
];

/**
 * "external_id should not be empty" reads "External ID should not be empty" under its label in
 * English, "Este campo não pode ficar vazio." in Portuguese.
 */
function phrase(message: string, field: FieldSpec): string {
  const lower = message.toLowerCase();
  const lead = lower.startsWith(`${field.name.toLowerCase()} `)
    ? field.name.length
    : lower.startsWith(field.label.toLowerCase())
      ? field.label.length
      : 0;
  if (currentLocale() !== 'en' && lead > 0) {
    for (const [pattern, say] of KNOWN) {
      const match = message.slice(lead).match(pattern);
      if (match) return say(match);
    }
  }
  const text = lower.startsWith(`${field.name.toLowerCase()} `)
    ? `${field.label}${message.slice(field.name.length)}`
    : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Splits a failed call into per-field messages and a form-level one. Input errors carry
 * `data.zodError.fieldErrors` (keyed by the top-level input key, so `patch` for updates);
 * service errors carry one message, matched to a field when it names one.
 */
export function formErrors(error: unknown, fields: FieldSpec[]): FormErrors {
  if (!error) return NONE;
  const result: FormErrors = { fields: {}, form: null };
  const loose: string[] = [];
  const place = (message: string, key?: string) => {
    const field = fieldOf(message, fields) ?? fields.find((f) => f.name === key);
    if (field) {
      result.fields[field.name] ??= phrase(message, field);
    } else {
      loose.push(message);
    }
  };
  const zod =
    error instanceof TRPCClientError
      ? (error.data as { zodError?: ZodShape | null } | undefined)?.zodError
      : undefined;
  if (zod) {
    for (const message of zod.formErrors ?? []) place(message);
    for (const [key, messages] of Object.entries(zod.fieldErrors ?? {})) {
      for (const message of messages ?? []) place(String(message), key);
    }
  } else if (error instanceof TRPCClientError && error.data !== undefined) {
    place(error.message);
  } else {
    loose.push(errorMessage(error));
  }
  result.form =
    loose.length > 0
      ? loose.join('. ')
      : Object.keys(result.fields).length > 0
        ? i18n.t('common:errors.correctFields')
        : null;
  return result;
}

interface ZodShape {
  formErrors?: string[];
  fieldErrors?: Record<string, string[] | undefined>;
}
