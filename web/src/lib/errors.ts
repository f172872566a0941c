import { TRPCClientError } from '@trpc/client';
import { i18n } from './i18n';

/** A sentence to show a person for a failed call. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof TRPCClientError)) {
    return error instanceof Error ? error.message : i18n.t('common:errors.generic');
  }
  // No response at all: fetch failed before the server could answer.
  if (error.data === undefined && error.cause instanceof TypeError) {
    return i18n.t('common:errors.offline');
  }
  return fieldErrors(error.data) ?? error.message;
}

// The server's error formatter flattens zod issues into `data.zodError.fieldErrors`.
function fieldErrors(data: unknown): string | undefined {
  const fields = (data as { zodError?: { fieldErrors?: Record<string, unknown> } } | undefined)
    ?.zodError?.fieldErrors;
  if (!fields) return undefined;
  const lines = Object.entries(fields).flatMap(([field, messages]) =>
    Array.isArray(messages)
      ? messages.map((message) => withField(humanize(field), String(message)))
      : [],
  );
  return lines.length > 0 ? lines.join('. ') : undefined;
}

// "password must be at least 8 characters" already names its field; "Too small: ..." does not.
function withField(label: string, message: string): string {
  if (message.toLowerCase().startsWith(label.toLowerCase())) {
    return message.charAt(0).toUpperCase() + message.slice(1);
  }
  return `${label}: ${message}`;
}

function humanize(field: string): string {
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
