/**
 * How the console names a contact (issue 22). A web visitor who gave no name is "Visitor <n>",
 * n being the contact's id: stable for as long as the contact exists, distinct from every other
 * contact's, and short enough to say on the phone. The widget marks the visitors it creates
 * with a `web-<uuid>` external id; other unnamed contacts keep their external id, which is
 * whatever the integrator knows them by. The seed contracts' fields are left as they are:
 * this is only the console's label, and its search (parseVisitorSearch).
 */

export interface LabelledContact {
  id: number;
  name: string | null;
  phone_number: string | null;
  external_id: string;
}

export const isWebVisitorId = (externalId: string) => externalId.startsWith('web-');

/** "Visitor <n>" for a web visitor who gave no name, else null. */
export function visitorLabel(contact: Omit<LabelledContact, 'phone_number'>): string | null {
  return !contact.name && isWebVisitorId(contact.external_id) ? `Visitor ${contact.id}` : null;
}

/** The contact's name; else its phone number, its visitor label or its external id. */
export function contactLabel(contact: LabelledContact | null): string {
  if (!contact) return 'Unknown contact';
  return contact.name || contact.phone_number || visitorLabel(contact) || contact.external_id;
}

/** The contact id a search term names as a visitor label: "Visitor 4821", "visitor4821", "4821". */
export function parseVisitorSearch(term: string): number | null {
  const m = /^\s*(?:visitor\s*)?#?(\d{1,10})\s*$/i.exec(term);
  if (!m) return null;
  const id = Number(m[1]);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}
