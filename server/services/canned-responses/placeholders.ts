/*
 * Placeholders in a canned response's body, filled when an agent inserts it: `{{contact.name}}`,
 * `{{contact.phone}}`, `{{agent.name}}`, `{{agent.email}}`, `{{conversation.id}}`. A placeholder
 * this list does not know stays as written (a typo shows in the draft instead of vanishing); a
 * known one without a value (a visitor who never gave a name) becomes an empty string.
 */

export interface PlaceholderValues {
  contact: { name: string | null; phoneNumber: string | null } | null;
  agent: { name: string; email: string };
  conversation: { id: number } | null;
}

const PLACEHOLDER = /\{\{\s*([a-z]+)\.([a-z_]+)\s*\}\}/gi;

type Lookup = (v: PlaceholderValues) => string | number | null | undefined;

const KNOWN: Record<string, Lookup> = {
  'contact.name': (v) => v.contact?.name,
  'contact.phone': (v) => v.contact?.phoneNumber,
  'agent.name': (v) => v.agent.name,
  'agent.email': (v) => v.agent.email,
  'conversation.id': (v) => v.conversation?.id,
};

export const PLACEHOLDER_NAMES = Object.keys(KNOWN);

export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  return body.replace(PLACEHOLDER, (whole, scope: string, field: string) => {
    const lookup = KNOWN[`${scope.toLowerCase()}.${field.toLowerCase()}`];
    if (!lookup) return whole;
    const value = lookup(values);
    return value === null || value === undefined ? '' : String(value);
  });
}
