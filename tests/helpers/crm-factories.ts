import { randomBytes } from 'node:crypto';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import * as accounts from '../../server/services/accounts';
import type { Actor } from '../../server/services/actor';
import * as catalog from '../../server/services/catalog';
import * as contacts from '../../server/services/contacts';
import * as tags from '../../server/services/tags';
import { makeWorkspace, tokenFor } from './factories';

const unique = () => randomBytes(4).toString('hex');

export const actorOf = (user: User): Actor => ({
  userId: user.id,
  workspaceId: user.workspaceId,
  role: user.role,
});

/** A workspace with its admin, the admin's Bearer token and service actor. */
export async function crmWorkspace() {
  const { workspace, admin } = await makeWorkspace();
  return { workspace, admin, actor: actorOf(admin), token: await tokenFor(admin) };
}

export function makeTag(actor: Actor, overrides: { name?: string; color?: string | null } = {}) {
  return tags.createTag(actor, { name: overrides.name ?? `Tag ${unique()}`, ...overrides });
}

export function makeEntry(kind: catalog.CatalogKind, actor: Actor, name = `${kind} ${unique()}`) {
  return catalog.createEntry(kind, actor, { name });
}

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
  return contacts.createContact(actor, { external_id: `ext-${unique()}`, ...overrides });
}

/** An account with a fresh contact and server unless ids are given. */
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
  return accounts.createAccount(actor, {
    username_final: `user-${unique()}`,
    password_final: `pw-${unique()}`,
    ...overrides,
    contact_id: contactId,
    server_id: serverId,
  });
}

/** A bare conversation row: contacts only care that one exists. */
export async function makeConversation(workspaceId: number, contactId: number) {
  const [row] = await db.insert(conversations).values({ workspaceId, contactId }).returning();
  return row!;
}
