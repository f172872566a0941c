import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Actor } from '../../server/auth/actor';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import * as accounts from '../../server/services/accounts';
import * as catalog from '../../server/services/catalog';
import * as contacts from '../../server/services/contacts';
import * as tags from '../../server/services/tags';
import { captureLogLines } from '../helpers/logs';
import { api } from '../helpers/server';
import { makeWorkspace, tokenFor } from './user';

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

/** Seed 003's contact shape, sorted (tests compare `Object.keys(body).sort()`). */
export const CONTACT_KEYS = [
  'created_at',
  'external_id',
  'id',
  'name',
  'notes',
  'phone_number',
  'updated_at',
];

/** A workspace with a contact, a server, an application and a device, for account tests. */
export async function accountSetup() {
  const ws = await crmWorkspace();
  const contact = await makeContact(ws.actor);
  const server = await makeEntry('server', ws.actor);
  const app = await makeEntry('application', ws.actor);
  const device = await makeEntry('device', ws.actor);
  return { ...ws, contact, server, app, device };
}

/**
 * Records every response body and log line of a test file, so its last test can prove that no
 * plaintext password (made with `secret()`) ever appeared in either. Call it at the top level:
 * it installs the log capture in beforeAll and restores the logger in afterAll.
 */
export function watchSecrets(srv: { url: string }) {
  const seen: string[] = [];
  const passwords = new Set<string>();
  const logLines = captureLogLines();
  return {
    secret(label: string) {
      const value = `S3cret-${label}-${randomBytes(6).toString('hex')}`;
      passwords.add(value);
      return value;
    },
    record(value: unknown) {
      seen.push(typeof value === 'string' ? value : JSON.stringify(value));
    },
    /** `api()` against `srv` whose response body is recorded. */
    async call(method: string, path: string, token: string, body?: unknown) {
      const res = await api(srv.url, method, path, { token, body });
      seen.push(res.text);
      return res;
    },
    /** Fails if any password appeared; also that enough was watched for that to mean something. */
    assertNoneLeaked(minimum: { passwords: number; bodies: number; logPath: string }) {
      expect(passwords.size).toBeGreaterThanOrEqual(minimum.passwords);
      expect(seen.length).toBeGreaterThanOrEqual(minimum.bodies);
      expect(logLines.some((l) => l.includes(minimum.logPath))).toBe(true);
      for (const password of passwords) {
        for (const text of [...seen, ...logLines]) expect(text).not.toContain(password);
      }
    },
  };
}
