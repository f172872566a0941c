import { describe, expect, it } from 'vitest';
import { makeAccount } from './factories/account';
import { accountSetup, watchSecrets } from './helpers/crm';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();
// Every response body and log line of this file is scanned for the passwords at the end.
const watch = watchSecrets(srv);
const { secret, call } = watch;

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

describe('/contact-user-accounts (seed 003)', () => {
  it('creates (201), reads, lists per contact, patches and deletes (200, no body)', async () => {
    const { token, contact, server, app, device } = await accountSetup();
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
    const { token, contact, server } = await accountSetup();
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
    const { token, contact, server } = await accountSetup();
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
    const { token, actor, contact, server } = await accountSetup();
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

describe('secrecy', () => {
  it('no response body or log line of this file contained a plaintext password', () => {
    watch.assertNoneLeaked({ passwords: 25, bodies: 25, logPath: '/contact-user-accounts' });
  });
});
