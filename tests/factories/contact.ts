import type { Actor } from '../../server/auth/actor';
import { presentContactWithTags } from '../../server/contracts/crm/present';
import * as contacts from '../../server/services/contacts';
import { unique } from './unique';

export function makeContact(
  actor: Actor,
  overrides: Partial<{
    external_id: string;
    name: string | null;
    phone_number: string | null;
    notes: string | null;
    tag_ids: number[];
  }> = {},
) {
  return contacts
    .createContact(actor, { external_id: `ext-${unique()}`, ...overrides })
    .then(presentContactWithTags);
}
