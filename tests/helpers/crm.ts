import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { makeEntry } from '../factories/catalog-entry';
import { makeContact } from '../factories/contact';
import { makeWorkspace } from '../factories/workspace';
import { actorOf, tokenFor } from './auth';
import { captureLogLines } from './logs';
import { api } from './server';

/** A workspace with its admin, the admin's Bearer token and service actor. */
export async function crmWorkspace() {
  const { workspace, admin } = await makeWorkspace();
  return { workspace, admin, actor: actorOf(admin), token: await tokenFor(admin) };
}

/** A workspace with a contact, a server, an application and a device, for account tests. */
export async function accountSetup() {
  const ws = await crmWorkspace();
  const contact = await makeContact(ws.actor);
  const server = await makeEntry('server', ws.actor);
  const app = await makeEntry('application', ws.actor);
  const device = await makeEntry('device', ws.actor);
  return { ...ws, contact, server, app, device };
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
