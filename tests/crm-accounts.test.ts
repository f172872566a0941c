import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '../server/auth/secrets';
import { db } from '../server/db/client';
import { contactUserAccounts } from '../server/db/schema';
import { logger } from '../server/logger';
import { crmWorkspace, makeAccount, makeContact, makeEntry } from './helpers/crm-factories';
import { callerFor, makeUser } from './helpers/factories';
import { api, startTestServer, type TestServer } from './helpers/server';

let srv: TestServer;
// Every response body and log line of this file, scanned for plaintext passwords at the end.
const seen: string[] = [];
const passwords = new Set<string>();
const logLines: string[] = [];
// biome-ignore lint/suspicious/noExplicitAny: pino keeps its stream behind a symbol
const internals = logger as any;
const stream = internals[pino.symbols.streamSym];
const level = logger.level;

beforeAll(async () => {
  srv = await startTestServer();
  // Child loggers (per request) inherit the root's stream and level through the prototype.
  internals[pino.symbols.streamSym] = { write: (line: string) => logLines.push(line) } as never;
  logger.level = 'trace';
});
afterAll(async () => {
  internals[pino.symbols.streamSym] = stream;
  logger.level = level;
  await srv.close();
});

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await api(srv.url, method, path, { token, body });
  seen.push(res.text);
  return res;
};
const secret = (label: string) => {
  const value = `S3cret-${label}-${Math.random().toString(36).slice(2)}`;
  passwords.add(value);
  return value;
};

const ACCOUNT_KEYS = [
  'application_id',
  'contact_id',
  'created_at',
  'date_exp',
  'device_id',
  'id',
  'id_line_server',
  'server_id',
  'updated_at',
  'username_final',
];

async function setup() {
  const ws = await crmWorkspace();
  const contact = await makeContact(ws.actor);
  const server = await makeEntry('server', ws.actor);
  const app = await makeEntry('application', ws.actor);
  const device = await makeEntry('device', ws.actor);
  return { ...ws, contact, server, app, device };
}

describe('/contact-user-accounts (seed 003)', () => {
  it('creates (201), reads, lists per contact, patches and deletes (200, no body)', async () => {
    const { token, contact, server, app, device } = await setup();
    const password = secret('create');
    const created = await call('POST', '/contact-user-accounts', token, {
      contact_id: contact.id,
      username_final: 'newuser456',
      password_final: password,
      server_id: server.id,
      id_line_server: 101,
      date_exp: '2024-12-31T23:59:59.000Z',
      application_id: app.id,
      device_id: device.id,
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(ACCOUNT_KEYS);
    expect(created.body).toMatchObject({
      contact_id: contact.id,
      username_final: 'newuser456',
      server_id: server.id,
      id_line_server: 101,
      date_exp: '2024-12-31T23:59:59.000Z',
      application_id: app.id,
      device_id: device.id,
    });
    const id = created.body.id;
    expect((await call('GET', `/contact-user-accounts/${id}`, token)).body).toEqual(created.body);
    expect((await call('GET', `/contact-user-accounts/contact/${contact.id}`, token)).body).toEqual(
      [created.body],
    );
    expect((await call('GET', '/contact-user-accounts/contact/999999', token)).status).toBe(404);

    const patched = await call('PATCH', `/contact-user-accounts/${id}`, token, {
      username_final: 'updated_user',
      password_final: secret('patch'),
      date_exp: '2025-12-31T23:59:59.000Z',
      application_id: null,
      contact_id: 999999,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      contact_id: contact.id,
      username_final: 'updated_user',
      date_exp: '2025-12-31T23:59:59.000Z',
      application_id: null,
      device_id: device.id,
    });

    const del = await call('DELETE', `/contact-user-accounts/${id}`, token);
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    expect((await call('GET', `/contact-user-accounts/${id}`, token)).status).toBe(404);
  });

  it('validates the body as documented (400, message array)', async () => {
    const { token, contact, server } = await setup();
    const base = {
      contact_id: contact.id,
      username_final: 'u',
      password_final: secret('validation'),
      server_id: server.id,
    };
    const missing = await call('POST', '/contact-user-accounts', token, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      statusCode: 400,
      message: [
        'contact_id should not be empty',
        'username_final should not be empty',
        'password_final should not be empty',
        'server_id should not be empty',
      ],
      error: 'Bad Request',
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ contact_id: '5' }, 'contact_id must be an integer number'],
      [{ server_id: 1.5 }, 'server_id must be an integer number'],
      [
        { username_final: 'u'.repeat(151) },
        'username_final must be shorter than or equal to 150 characters',
      ],
      [
        { password_final: 'p'.repeat(256) },
        'password_final must be shorter than or equal to 255 characters',
      ],
      [{ password_final: 12345 }, 'password_final must be a string'],
      [{ id_line_server: 'abc' }, 'id_line_server must be an integer number'],
      [{ date_exp: 'tomorrow' }, 'date_exp must be a valid ISO 8601 date string'],
      [{ date_exp: '2024-02-30' }, 'date_exp must be a valid ISO 8601 date string'],
      [{ date_exp: 20241231 }, 'date_exp must be a valid ISO 8601 date string'],
      [{ application_id: 'x' }, 'application_id must be an integer number'],
      [{ device_id: 2 ** 31 }, 'device_id must not be greater than 2147483647'],
      [{ contact_id: 0 }, 'contact_id must be a positive number'],
    ];
    for (const [patch, message] of cases) {
      const res = await call('POST', '/contact-user-accounts', token, { ...base, ...patch });
      expect(res.status, message).toBe(400);
      expect(res.body.message, message).toEqual([message]);
    }
    const ok = await call('POST', '/contact-user-accounts', token, {
      ...base,
      username_final: 'u'.repeat(150),
      password_final: `${secret('long')}${'p'.repeat(200)}`,
      date_exp: '2030-01-01',
      id_line_server: null,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.date_exp).toBe('2030-01-01T00:00:00.000Z');
  });

  it('answers 404 for unknown contacts, servers, applications and devices in the body', async () => {
    const { token, contact, server } = await setup();
    const base = {
      contact_id: contact.id,
      username_final: 'u',
      password_final: secret('refs'),
      server_id: server.id,
    };
    for (const [patch, message] of [
      [{ contact_id: 999999 }, 'Contact not found'],
      [{ server_id: 999999 }, 'Server not found'],
      [{ application_id: 999999 }, 'Application not found'],
      [{ device_id: 999999 }, 'Device not found'],
    ] as const) {
      const res = await call('POST', '/contact-user-accounts', token, { ...base, ...patch });
      expect(res.body).toEqual({ statusCode: 404, message, error: 'Not Found' });
    }
  });

  it('paginates with default limit 20 and max 100, in id order', async () => {
    const { token, actor, contact, server } = await setup();
    const made: number[] = [];
    for (let i = 0; i < 23; i++) {
      made.push(
        (
          await makeAccount(actor, {
            contact_id: contact.id,
            server_id: server.id,
            password_final: secret(`p${i}`),
          })
        ).id,
      );
    }
    const p1 = await call('GET', '/contact-user-accounts', token);
    expect(p1.body).toMatchObject({ total: 23, page: 1, limit: 20, totalPages: 2 });
    const p2 = await call('GET', '/contact-user-accounts?page=2', token);
    expect([...p1.body.data, ...p2.body.data].map((a: { id: number }) => a.id)).toEqual(made);
    expect((await call('GET', '/contact-user-accounts?limit=101', token)).status).toBe(400);
    expect((await call('GET', '/contact-user-accounts?limit=100', token)).body.data).toHaveLength(
      23,
    );
  });
});

describe('password_final', () => {
  it('is stored encrypted (AES-256-GCM) and only revealed to supervisors, who are recorded', async () => {
    const { workspace, admin, actor } = await setup();
    const password = secret('reveal');
    const account = await makeAccount(actor, { password_final: password });
    const [row] = await db
      .select({ sealed: contactUserAccounts.passwordFinalEncrypted })
      .from(contactUserAccounts)
      .where(eq(contactUserAccounts.id, account.id));
    expect(row!.sealed).not.toContain(password);
    expect(row!.sealed).toMatch(/^v1:/);
    expect(decryptSecret(row!.sealed)).toBe(password);

    const agent = await makeUser(workspace.id, { role: 'agent' });
    await expect(
      callerFor(agent).accounts.revealPassword({ id: account.id }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(callerFor(agent).accounts.revealHistory({ id: account.id })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    const supervisor = await makeUser(workspace.id, { role: 'supervisor' });
    const before = Date.now();
    const revealed = await callerFor(supervisor).accounts.revealPassword({ id: account.id });
    expect(revealed).toMatchObject({ id: account.id, password_final: password });
    expect(Date.parse(revealed.revealed_at)).toBeGreaterThanOrEqual(before - 1000);
    await callerFor(admin).accounts.revealPassword({ id: account.id });
    const history = await callerFor(admin).accounts.revealHistory({ id: account.id });
    expect(history.map((h) => h.user_id)).toEqual([supervisor.id, admin.id]);
    seen.push(JSON.stringify(history));

    const other = await crmWorkspace();
    const outsider = await makeUser(other.workspace.id, { role: 'supervisor' });
    await expect(
      callerFor(outsider).accounts.revealPassword({ id: account.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await callerFor(admin).accounts.revealHistory({ id: account.id })).toHaveLength(2);
  });

  it('changes on PATCH, and tRPC account procedures never return it', async () => {
    const { admin, actor, contact, server } = await setup();
    const caller = callerFor(admin);
    const first = secret('trpc-first');
    const created = await caller.accounts.create({
      contact_id: contact.id,
      username_final: 'trpc',
      password_final: first,
      server_id: server.id,
      date_exp: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const second = secret('trpc-second');
    const updated = await caller.accounts.update({
      id: created.id,
      patch: { password_final: second },
    });
    expect((await caller.accounts.revealPassword({ id: created.id })).password_final).toBe(second);
    seen.push(
      JSON.stringify([
        created,
        updated,
        await caller.accounts.get({ id: created.id }),
        await caller.accounts.list({}),
        await caller.accounts.ofContact({ contactId: contact.id }),
        await caller.accounts.expiring({ withinDays: 2 }),
      ]),
    );
    expect(seen.at(-1)).toContain('"username_final":"trpc"');
    await makeAccount(actor, { password_final: secret('extra') });
  });
});

describe('accounts.expiring', () => {
  it('lists accounts whose date_exp falls within the window, soonest first', async () => {
    const { workspace, actor, contact, server } = await setup();
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const at = async (d: number | null) =>
      (
        await makeAccount(actor, {
          contact_id: contact.id,
          server_id: server.id,
          date_exp: d === null ? null : inDays(d),
          password_final: secret('exp'),
        })
      ).id;
    const in10 = await at(10);
    const in2 = await at(2);
    await at(-1);
    await at(null);
    await at(40);
    const other = await crmWorkspace();
    await makeAccount(other.actor, { date_exp: inDays(1), password_final: secret('other') });

    const agent = callerFor(await makeUser(workspace.id));
    const week = await agent.accounts.expiring({ withinDays: 7 });
    expect(week.map((a) => a.id)).toEqual([in2]);
    expect(week[0]).toMatchObject({ contact_name: contact.name });
    const month = await agent.accounts.expiring({ withinDays: 30 });
    expect(month.map((a) => a.id)).toEqual([in2, in10]);
    expect(await agent.accounts.expiring({ withinDays: 0 })).toEqual([]);
    await expect(agent.accounts.expiring({ withinDays: -1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    seen.push(JSON.stringify(month));
  });
});

describe('secrecy', () => {
  it('no response body or log line of this file contained a plaintext password', () => {
    expect(passwords.size).toBeGreaterThan(30);
    expect(seen.length).toBeGreaterThan(30);
    expect(logLines.some((l) => l.includes('/contact-user-accounts'))).toBe(true);
    for (const password of passwords) {
      for (const text of [...seen, ...logLines]) expect(text).not.toContain(password);
    }
  });
});
