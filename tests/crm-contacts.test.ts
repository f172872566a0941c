import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations } from '../server/db/schema';
import { makeAccount } from './factories/account';
import { makeContact } from './factories/contact';
import { makeConversation } from './factories/conversation';
import { makeTag } from './factories/tag';
import { callerFor } from './helpers/auth';
import { CONTACT_KEYS, crmWorkspace } from './helpers/crm';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const TAG_KEYS = ['color', 'created_at', 'id', 'name', 'updated_at'];
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('contacts CRUD (seed 003 + POST /contacts)', () => {
  it('creates, reads (with tags), finds by external id, patches and deletes (204)', async () => {
    const { token, actor } = await crmWorkspace();
    const vip = await makeTag(actor, { name: 'VIP', color: '#FF0000' });
    const created = await api(srv.url, 'POST', '/contacts', {
      token,
      body: {
        external_id: '5511999999999@c.us',
        name: 'João Silva',
        phone_number: '5511999999999',
        notes: 'Cliente VIP',
        tag_ids: [vip.id, vip.id],
        uuid: 'stripped',
      },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual([...CONTACT_KEYS, 'tags'].sort());
    expect(created.body).toMatchObject({ external_id: '5511999999999@c.us', name: 'João Silva' });
    expect(created.body.tags).toEqual([vip]);
    expect(Object.keys(created.body.tags[0]).sort()).toEqual(TAG_KEYS);
    const id = created.body.id;

    const got = await api(srv.url, 'GET', `/contacts/${id}`, { token });
    expect(got.body).toEqual(created.body);
    const byExt = await api(
      srv.url,
      'GET',
      `/contacts/external-id/${encodeURIComponent('5511999999999@c.us')}`,
      { token },
    );
    expect(byExt.status).toBe(200);
    expect(Object.keys(byExt.body).sort()).toEqual(CONTACT_KEYS);
    expect(byExt.body.id).toBe(id);
    expect(
      (await api(srv.url, 'GET', '/contacts/external-id/5511999999999', { token })).status,
    ).toBe(404);

    const patched = await api(srv.url, 'PATCH', `/contacts/${id}`, {
      token,
      body: { name: 'João Santos Silva', phone_number: '5511888888888', notes: 'Premium' },
    });
    expect(patched.status).toBe(200);
    expect(Object.keys(patched.body).sort()).toEqual(CONTACT_KEYS);
    expect(patched.body).toMatchObject({
      external_id: '5511999999999@c.us',
      name: 'João Santos Silva',
      phone_number: '5511888888888',
      notes: 'Premium',
      created_at: created.body.created_at,
    });

    const del = await api(srv.url, 'DELETE', `/contacts/${id}`, { token });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await api(srv.url, 'GET', `/contacts/${id}`, { token })).status).toBe(404);
    expect((await api(srv.url, 'GET', `/tags/${vip.id}`, { token })).status).toBe(200);
  });

  it('validates lengths and types (400 with a message array)', async () => {
    const { token } = await crmWorkspace();
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'external_id should not be empty'],
      [{ external_id: 12 }, 'external_id must be a string'],
      [
        { external_id: 'x'.repeat(51) },
        'external_id must be shorter than or equal to 50 characters',
      ],
      [
        { external_id: 'a', name: 'x'.repeat(151) },
        'name must be shorter than or equal to 150 characters',
      ],
      [
        { external_id: 'a', phone_number: '1'.repeat(21) },
        'phone_number must be shorter than or equal to 20 characters',
      ],
      [{ external_id: 'a', phone_number: 5511 }, 'phone_number must be a string'],
      [{ external_id: 'a', notes: 5 }, 'notes must be a string'],
      [{ external_id: 'a', tag_ids: 'x' }, 'tag_ids must be an array'],
      [{ external_id: 'a', tag_ids: [1.5] }, 'each value in tag_ids must be an integer number'],
    ];
    for (const [body, message] of cases) {
      const res = await api(srv.url, 'POST', '/contacts', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body, JSON.stringify(body)).toEqual({
        statusCode: 400,
        message: [message],
        error: 'Bad Request',
      });
    }
    const ok = await api(srv.url, 'POST', '/contacts', {
      token,
      body: {
        external_id: 'x'.repeat(50),
        name: 'n'.repeat(150),
        phone_number: '1'.repeat(20),
        notes: 'n'.repeat(5000),
      },
    });
    expect(ok.status).toBe(201);
  });

  it('answers 400 for text PostgreSQL cannot store, over REST and tRPC, and writes nothing', async () => {
    const { token, admin } = await crmWorkspace();
    const message = 'Text must not contain NUL characters or unpaired surrogates';
    const res = await api(srv.url, 'POST', '/contacts', {
      token,
      body: { external_id: 'nul-1', name: 'Ana\u0000Lima' },
    });
    expect(res.status).toBe(400);
    // The body parser finds it and names the field; tRPC's caller reaches PostgreSQL's 22021.
    expect(res.body).toEqual({
      statusCode: 400,
      message: ['name must not contain NUL characters or unpaired surrogates'],
      error: 'Bad Request',
    });
    await expect(
      callerFor(admin).contacts.create({ external_id: 'nul-2', notes: 'a\u0000b' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message });
    for (const externalId of ['nul-1', 'nul-2']) {
      const found = await api(srv.url, 'GET', `/contacts/external-id/${externalId}`, { token });
      expect(found.status).toBe(404);
    }
  });

  it('keeps external_id unique and phone_number unique when present (409)', async () => {
    const { token, actor } = await crmWorkspace();
    const a = await makeContact(actor, { external_id: 'ext-a', phone_number: '551100' });
    const b = await makeContact(actor, { external_id: 'ext-b', phone_number: null });
    await makeContact(actor, { external_id: 'ext-c', phone_number: null });
    const dupExt = await api(srv.url, 'POST', '/contacts', {
      token,
      body: { external_id: 'ext-a' },
    });
    expect(dupExt.status).toBe(409);
    expect(dupExt.body).toEqual({
      statusCode: 409,
      message: 'External ID already exists',
      error: 'Conflict',
    });
    const dupPhone = await api(srv.url, 'PATCH', `/contacts/${b.id}`, {
      token,
      body: { phone_number: '551100' },
    });
    expect(dupPhone.status).toBe(409);
    expect(dupPhone.body.message).toBe('Phone number already exists');
    const renameExt = await api(srv.url, 'PATCH', `/contacts/${b.id}`, {
      token,
      body: { external_id: a.external_id },
    });
    expect(renameExt.status).toBe(409);
    const race = await Promise.all(
      [1, 2].map(() =>
        api(srv.url, 'POST', '/contacts', { token, body: { external_id: 'racing' } }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('refuses to delete a contact that has conversations (409), and deletes it once they are gone', async () => {
    const { token, actor, workspace } = await crmWorkspace();
    const tag = await makeTag(actor);
    const contact = await makeContact(actor, { tag_ids: [tag.id] });
    const account = await makeAccount(actor, { contact_id: contact.id });
    const conversation = await makeConversation(workspace.id, contact.id);
    const res = await api(srv.url, 'DELETE', `/contacts/${contact.id}`, { token });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      statusCode: 409,
      message: 'Contact has 1 conversation(s); delete them first',
      error: 'Conflict',
    });
    expect((await api(srv.url, 'GET', `/contacts/${contact.id}`, { token })).status).toBe(200);

    await db.delete(conversations).where(eq(conversations.id, conversation.id));
    expect((await api(srv.url, 'DELETE', `/contacts/${contact.id}`, { token })).status).toBe(204);
    // Its accounts and tag links go with it; the tag stays.
    const gone = await api(srv.url, 'GET', `/contact-user-accounts/${account.id}`, { token });
    expect(gone.status).toBe(404);
    expect((await api(srv.url, 'GET', `/contacts/by-tag/${tag.id}`, { token })).body).toEqual([]);
  });
});

describe('GET /contacts filters', () => {
  it('filters by name, external_id and phone_number partially, case-insensitively, escaping wildcards', async () => {
    const { token, actor } = await crmWorkspace();
    const joao = await makeContact(actor, {
      name: 'João Silva',
      external_id: '5511999@c.us',
      phone_number: '5511999',
    });
    const maria = await makeContact(actor, {
      name: 'Maria SILVA',
      external_id: 'maria_1',
      phone_number: '5521888',
    });
    const pct = await makeContact(actor, {
      name: '50% off',
      external_id: 'a\\b',
      phone_number: null,
    });
    await makeContact(actor, { name: '500 off', external_id: 'mariax1', phone_number: '99' });
    const q = async (qs: string) => {
      const res = await api(srv.url, 'GET', `/contacts?${qs}`, { token });
      expect(res.status, qs).toBe(200);
      return ids(res.body.data);
    };
    expect(await q('name=silva')).toEqual([joao.id, maria.id]);
    expect(await q(`name=${encodeURIComponent('JOÃO')}`)).toEqual([joao.id]);
    expect(await q('name=%25')).toEqual([pct.id]);
    expect(await q('name=0%25')).toEqual([pct.id]);
    expect(await q('external_id=C.US')).toEqual([joao.id]);
    expect(await q('external_id=_')).toEqual([maria.id]);
    expect(await q('external_id=%5C')).toEqual([pct.id]);
    expect(await q('phone_number=5511')).toEqual([joao.id]);
    expect(await q('name=silva&phone_number=552')).toEqual([maria.id]);
  });

  it('includes tags on request and filters by ANY of tag_ids (comma list, repeated, bracketed)', async () => {
    const { token, actor } = await crmWorkspace();
    const [t1, t2, t3] = [await makeTag(actor), await makeTag(actor), await makeTag(actor)];
    const both = await makeContact(actor, { tag_ids: [t2.id, t1.id] });
    const only1 = await makeContact(actor, { tag_ids: [t1.id] });
    const only3 = await makeContact(actor, { tag_ids: [t3.id] });
    const none = await makeContact(actor);
    const list = async (qs: string) =>
      (await api(srv.url, 'GET', `/contacts?${qs}`, { token })).body;

    const plain = await list('');
    expect(ids(plain.data)).toEqual([both.id, only1.id, only3.id, none.id]);
    expect(plain.data[0]).not.toHaveProperty('tags');
    const withTags = await list('include_tags=true');
    expect(withTags.data[0].tags).toEqual([t1, t2]);
    expect(withTags.data[3].tags).toEqual([]);
    expect((await list('include_tags=false')).data[0]).not.toHaveProperty('tags');

    for (const qs of [
      `tag_ids=${t1.id},${t2.id}`,
      `tag_ids=${t1.id}&tag_ids=${t2.id}`,
      `tag_ids[]=${t1.id}&tag_ids[]=${t2.id}`,
    ]) {
      const page = await list(qs);
      expect(ids(page.data), qs).toEqual([both.id, only1.id]);
      expect(page.total, qs).toBe(2);
    }
    expect(ids((await list(`tag_ids=${t3.id}&include_tags=true`)).data)).toEqual([only3.id]);
    expect(
      (await list(`tag_ids=${t1.id},${t3.id}&include_tags=true`)).data.map(
        (c: { tags: unknown[] }) => c.tags.length,
      ),
    ).toEqual([2, 1, 1]);
    // Unknown ids simply match nothing in a filter.
    expect((await list('tag_ids=999999')).total).toBe(0);

    for (const qs of ['tag_ids=1,x', 'tag_ids=-1', 'tag_ids=2147483648', 'include_tags=yes']) {
      const res = await api(srv.url, 'GET', `/contacts?${qs}`, { token });
      expect(res.status, qs).toBe(400);
      expect(res.body.message, qs).toEqual([
        expect.stringMatching(/^(each value in tag_ids|include_tags)/),
      ]);
    }
  });

  it('paginates with defaults 1/10, max 100, and exact totals', async () => {
    const { token, actor } = await crmWorkspace();
    const tag = await makeTag(actor);
    const made: number[] = [];
    for (let i = 0; i < 15; i++)
      made.push((await makeContact(actor, { tag_ids: i % 2 ? [tag.id] : [] })).id);
    const p1 = await api(srv.url, 'GET', '/contacts', { token });
    expect(p1.body).toMatchObject({ total: 15, page: 1, limit: 10, totalPages: 2 });
    const p2 = await api(srv.url, 'GET', '/contacts?page=2', { token });
    expect([...ids(p1.body.data), ...ids(p2.body.data)]).toEqual(made);
    const tagged = await api(srv.url, 'GET', `/contacts?tag_ids=${tag.id}&limit=3&page=3`, {
      token,
    });
    expect(tagged.body).toMatchObject({ total: 7, page: 3, limit: 3, totalPages: 3 });
    expect(ids(tagged.body.data)).toEqual(made.filter((_, i) => i % 2).slice(6));
    expect((await api(srv.url, 'GET', '/contacts?limit=101', { token })).status).toBe(400);
    expect((await api(srv.url, 'GET', '/contacts?page=x', { token })).status).toBe(400);
  });
});
