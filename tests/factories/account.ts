import type { Actor } from '../../server/auth/actor';
import { presentAccount } from '../../server/contracts/crm/present';
import * as accounts from '../../server/services/accounts';
import { makeEntry } from './catalog-entry';
import { makeContact } from './contact';
import { unique } from './unique';

/** A contact's user account, with a fresh contact and server unless ids are given. */
export async function makeAccount(
  actor: Actor,
  overrides: Partial<{
    contact_id: number;
    server_id: number;
    password_final: string;
    date_exp: string | null;
  }> = {},
) {
  const contactId = overrides.contact_id ?? (await makeContact(actor)).id;
  const serverId = overrides.server_id ?? (await makeEntry('server', actor)).id;
  return accounts
    .createAccount(actor, {
      username_final: `user-${unique()}`,
      password_final: `pw-${unique()}`,
      ...overrides,
      contact_id: contactId,
      server_id: serverId,
    })
    .then(presentAccount);
}
