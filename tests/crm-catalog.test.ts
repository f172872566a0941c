import { describe, expect, it } from 'vitest';
import { makeAccount } from './factories/account';
import { makeEntry } from './factories/catalog-entry';
import { makeContact } from './factories/contact';
import { callerFor } from './helpers/auth';
import { crmWorkspace } from './helpers/crm';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Seed 003: servers, devices and applications share one shape; tags add `color`.
const RESOURCES = [
  { path: '/servers', keys: ['created_at', 'id', 'name', 'updated_at'] },
  { path: '/devices', keys: ['created_at', 'id', 'name', 'updated_at'] },
  { path: '/applications', keys: ['created_at', 'id', 'name', 'updated_at'] },
  { path: '/tags', keys: ['color', 'created_at', 'id', 'name', 'updated_at'] },
] as const;

describe.each(RESOURCES)('$path (seed 003)', ({ path, keys }) => {
  it('creates (201), reads, renames and deletes (200, no body) with the documented shape', async () => {
    const { token } = await crmWorkspace();
    const created = await api(srv.url, 'POST', path, { token, body: { name: 'Principal' } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(keys);
    expect(created.body).toMatchObject({ id: expect.any(Number), name: 'Principal' });
    expect(created.body.created_at).toMatch(ISO);
    expect(created.body.updated_at).toMatch(ISO);

    const got = await api(srv.url, 'GET', `${path}/${created.body.id}`, { token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    const patched = await api(srv.url, 'PATCH', `${path}/${created.body.id}`, {
      token,
      body: { name: 'Principal Atualizado', extra: 'stripped' },
    });
    expect(patched.status).toBe(200);
    expect(Object.keys(patched.body).sort()).toEqual(keys);
    expect(patched.body).toMatchObject({ id: created.body.id, name: 'Principal Atualizado' });
    expect(patched.body.created_at).toBe(created.body.created_at);
    expect(Date.parse(patched.body.updated_at)).toBeGreaterThan(
      Date.parse(created.body.updated_at),
    );

    const del = await api(srv.url, 'DELETE', `${path}/${created.body.id}`, { token });
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    const gone = await api(srv.url, 'GET', `${path}/${created.body.id}`, { token });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      statusCode: 404,
      message: expect.stringMatching(/not found/),
      error: 'Not Found',
    });
    expect((await api(srv.url, 'DELETE', `${path}/${created.body.id}`, { token })).status).toBe(
      404,
    );
  });

  it('validates name: required, a string, at most 100 characters (400, message array)', async () => {
    const { token } = await crmWorkspace();
    const cases: [unknown, string][] = [
      [{}, 'name should not be empty'],
      [{ name: '   ' }, 'name should not be empty'],
      [{ name: 42 }, 'name must be a string'],
      [{ name: 'x'.repeat(101) }, 'name must be shorter than or equal to 100 characters'],
    ];
    for (const [body, message] of cases) {
      const res = await api(srv.url, 'POST', path, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, message: [message], error: 'Bad Request' });
    }
    expect(
      (await api(srv.url, 'POST', path, { token, body: { name: 'x'.repeat(100) } })).status,
    ).toBe(201);
    const one = await api(srv.url, 'POST', path, { token, body: { name: 'One' } });
    const badPatch = await api(srv.url, 'PATCH', `${path}/${one.body.id}`, {
      token,
      body: { name: '' },
    });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.message).toEqual(['name should not be empty']);
  });

  it('answers 409 "Name already exists" on create and rename, case-insensitively', async () => {
    const { token } = await crmWorkspace();
    const vip = await api(srv.url, 'POST', path, { token, body: { name: 'VIP' } });
    const other = await api(srv.url, 'POST', path, { token, body: { name: 'Other' } });
    const conflict = { statusCode: 409, message: 'Name already exists', error: 'Conflict' };
    for (const name of ['VIP', 'vip', ' Vip ']) {
      const res = await api(srv.url, 'POST', path, { token, body: { name } });
      expect(res.status, name).toBe(409);
      expect(res.body).toEqual(conflict);
    }
    const rename = await api(srv.url, 'PATCH', `${path}/${other.body.id}`, {
      token,
      body: { name: 'vip' },
    });
    expect(rename.status).toBe(409);
    expect(rename.body).toEqual(conflict);
    // Renaming a row to (a case variant of) its own name is not a clash.
    const self = await api(srv.url, 'PATCH', `${path}/${vip.body.id}`, {
      token,
      body: { name: 'Vip' },
    });
    expect(self.status).toBe(200);
    expect(self.body.name).toBe('Vip');
  });

  it('lets exactly one of two concurrent creates of one name win (201 + 409)', async () => {
    const { token } = await crmWorkspace();
    for (let round = 0; round < 3; round++) {
      const name = `Race ${round}`;
      const results = await Promise.all([
        api(srv.url, 'POST', path, { token, body: { name } }),
        api(srv.url, 'POST', path, { token, body: { name: name.toUpperCase() } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    }
    const list = await api(srv.url, 'GET', `${path}?search=race`, { token });
    expect(list.body.total).toBe(3);
  });

  it('searches partially and case-insensitively; %, _ and \\ match themselves', async () => {
    const { token } = await crmWorkspace();
    const names = [
      'Server Principal',
      'PRINCIPAL backup',
      'prod_1',
      'prod-1',
      '100% up',
      '1000 up',
      'a\\b',
      'ab',
    ];
    for (const name of names) await api(srv.url, 'POST', path, { token, body: { name } });
    const search = async (term: string) => {
      const res = await api(srv.url, 'GET', `${path}?search=${encodeURIComponent(term)}`, {
        token,
      });
      expect(res.status).toBe(200);
      return res.body.data.map((r: { name: string }) => r.name);
    };
    expect(await search('principal')).toEqual(['Server Principal', 'PRINCIPAL backup']);
    expect(await search('_')).toEqual(['prod_1']);
    expect(await search('prod_')).toEqual(['prod_1']);
    expect(await search('%')).toEqual(['100% up']);
    expect(await search('0%')).toEqual(['100% up']);
    expect(await search('\\')).toEqual(['a\\b']);
    expect(await search('nothing-like-this')).toEqual([]);
    expect((await search('')).length).toBe(names.length);
  });

  it('paginates: defaults 1/10, max 100, exact totals, id order without repeats or gaps', async () => {
    const { token } = await crmWorkspace();
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) {
      ids.push((await api(srv.url, 'POST', path, { token, body: { name: `Item ${i}` } })).body.id);
    }
    const first = await api(srv.url, 'GET', path, { token });
    expect(first.body).toMatchObject({ total: 23, page: 1, limit: 10, totalPages: 3 });
    expect(first.body.data).toHaveLength(10);
    const seen: number[] = [];
    for (const page of [1, 2, 3]) {
      const res = await api(srv.url, 'GET', `${path}?page=${page}&limit=10`, { token });
      expect(res.body).toMatchObject({ total: 23, page, limit: 10, totalPages: 3 });
      seen.push(...res.body.data.map((r: { id: number }) => r.id));
    }
    expect(seen).toEqual(ids);
    const beyond = await api(srv.url, 'GET', `${path}?page=4`, { token });
    expect(beyond.body).toMatchObject({ data: [], total: 23, page: 4, totalPages: 3 });
    const max = await api(srv.url, 'GET', `${path}?limit=100`, { token });
    expect(max.body).toMatchObject({ limit: 100, totalPages: 1 });

    const bad: [string, string][] = [
      ['limit=101', 'limit must not be greater than 100'],
      ['limit=0', 'limit must not be less than 1'],
      ['page=0', 'page must not be less than 1'],
      ['page=-1', 'page must not be less than 1'],
      ['page=abc', 'page must be an integer number'],
      ['limit=1.5', 'limit must be an integer number'],
      ['limit=1e2', 'limit must be an integer number'],
      ['page=1&page=2', 'page must be an integer number'],
    ];
    for (const [qs, message] of bad) {
      const res = await api(srv.url, 'GET', `${path}?${qs}`, { token });
      expect(res.status, qs).toBe(400);
      expect(res.body, qs).toEqual({ statusCode: 400, message: [message], error: 'Bad Request' });
    }
  });

  it('answers 404 for ids that are not integers and 401 without a token', async () => {
    const { token } = await crmWorkspace();
    for (const id of [
      'abc',
      '1.5',
      '-1',
      '0',
      '99999999999',
      '00000000-0000-0000-0000-000000000000',
    ]) {
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const res = await api(srv.url, method, `${path}/${id}`, {
          token,
          body: method === 'PATCH' ? { name: 'x' } : undefined,
        });
        expect(res.status, `${method} ${id}`).toBe(404);
      }
    }
    const anon = await api(srv.url, 'GET', path);
    expect(anon.status).toBe(401);
    expect(anon.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});

describe('referential rules', () => {
  it.each([
    ['server', '/servers', 'server_id'],
    ['device', '/devices', 'device_id'],
    ['application', '/applications', 'application_id'],
  ] as const)(
    'refuses to delete a %s still used by an account (409)',
    async (kind, path, field) => {
      const { token, actor } = await crmWorkspace();
      const entry = await makeEntry(kind, actor);
      const account = await makeAccount(
        actor,
        field === 'server_id' ? { server_id: entry.id } : {},
      );
      if (field !== 'server_id') {
        const linked = await api(srv.url, 'PATCH', `/contact-user-accounts/${account.id}`, {
          token,
          body: { [field]: entry.id },
        });
        expect(linked.status).toBe(200);
      }
      const res = await api(srv.url, 'DELETE', `${path}/${entry.id}`, { token });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        statusCode: 409,
        message: expect.stringMatching(/used by 1 contact user account/),
        error: 'Conflict',
      });
      expect((await api(srv.url, 'GET', `${path}/${entry.id}`, { token })).status).toBe(200);
      await api(srv.url, 'DELETE', `/contact-user-accounts/${account.id}`, { token });
      expect((await api(srv.url, 'DELETE', `${path}/${entry.id}`, { token })).status).toBe(200);
    },
  );

  it('unlinks a deleted tag from its contacts', async () => {
    const { token, actor } = await crmWorkspace();
    const vip = await api(srv.url, 'POST', '/tags', {
      token,
      body: { name: 'VIP', color: '#FF0000' },
    });
    const keep = await api(srv.url, 'POST', '/tags', { token, body: { name: 'Keep' } });
    const contact = await makeContact(actor, { tag_ids: [vip.body.id, keep.body.id] });
    expect((await api(srv.url, 'DELETE', `/tags/${vip.body.id}`, { token })).status).toBe(200);
    const tags = await api(srv.url, 'GET', `/contacts/${contact.id}/tags`, { token });
    expect(tags.body.map((t: { id: number }) => t.id)).toEqual([keep.body.id]);
    expect((await api(srv.url, 'GET', `/contacts/${contact.id}`, { token })).status).toBe(200);
  });
});

describe('tags: color', () => {
  it('stores an optional hex color, validates it, and lets PATCH change or clear it', async () => {
    const { token } = await crmWorkspace();
    const plain = await api(srv.url, 'POST', '/tags', { token, body: { name: 'Plain' } });
    expect(plain.body.color).toBeNull();
    const red = await api(srv.url, 'POST', '/tags', {
      token,
      body: { name: 'Red', color: '#FF0000' },
    });
    expect(red.body.color).toBe('#FF0000');
    const bad = await api(srv.url, 'POST', '/tags', { token, body: { name: 'Bad', color: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['color must be a hexadecimal color']);
    const cleared = await api(srv.url, 'PATCH', `/tags/${red.body.id}`, {
      token,
      body: { color: null },
    });
    expect(cleared.body).toMatchObject({ name: 'Red', color: null });
  });
});

describe('tRPC catalog and tags routers', () => {
  it('serve the same rows as REST', async () => {
    const { admin, token } = await crmWorkspace();
    const caller = callerFor(admin);
    const server = await caller.catalog.create({ kind: 'server', name: 'From tRPC' });
    const rest = await api(srv.url, 'GET', `/servers/${server.id}`, { token });
    expect(rest.body).toEqual(server);
    await expect(
      caller.catalog.create({ kind: 'server', name: 'FROM TRPC' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const tag = await caller.tags.create({ name: 'Gold', color: '#FFD700' });
    expect((await caller.tags.list({ search: 'gol' })).data).toEqual([tag]);
    await expect(caller.tags.get({ id: 2 ** 31 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller.tags.delete({ id: tag.id });
    await expect(caller.tags.get({ id: tag.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
