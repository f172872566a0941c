import { describe, expect, it } from 'vitest';
import { makeContact } from './factories/contact';
import { makeTag } from './factories/tag';
import { callerFor } from './helpers/auth';
import { CONTACT_KEYS, crmWorkspace } from './helpers/crm';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('contact tags', () => {
  it('adds (duplicates ignored), lists and removes tags; unknown ids are a 400 naming them', async () => {
    const { token, actor } = await crmWorkspace();
    const [t1, t2, t3] = [await makeTag(actor), await makeTag(actor), await makeTag(actor)];
    const contact = await makeContact(actor);
    const path = `/contacts/${contact.id}/tags`;

    const added = await api(srv.url, 'POST', path, {
      token,
      body: { tag_ids: [t2.id, t1.id, t1.id] },
    });
    expect(added.status).toBe(201);
    expect(Object.keys(added.body).sort()).toEqual([...CONTACT_KEYS, 'tags'].sort());
    expect(added.body.tags).toEqual([t1, t2]);
    expect(Date.parse(added.body.updated_at)).toBeGreaterThan(Date.parse(contact.updated_at));
    const again = await api(srv.url, 'POST', path, { token, body: { tag_ids: [t1.id, t3.id] } });
    expect(again.body.tags).toEqual([t1, t2, t3]);

    const unknown = await api(srv.url, 'POST', path, {
      token,
      body: { tag_ids: [t1.id, 999998, 999999] },
    });
    // As another workspace's tag: told apart, they would show which ids exist elsewhere.
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ statusCode: 404, message: 'Tag not found', error: 'Not Found' });
    for (const body of [{}, { tag_ids: [] }, { tag_ids: [0] }]) {
      const res = await api(srv.url, 'POST', path, { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }

    const listed = await api(srv.url, 'GET', path, { token });
    expect(listed.body).toEqual([t1, t2, t3]);

    const removed = await api(srv.url, 'DELETE', path, {
      token,
      body: { tag_ids: [t1.id, t3.id, 999999] },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.tags).toEqual([t2]);
    expect((await api(srv.url, 'GET', path, { token })).body).toEqual([t2]);
    expect(
      (await api(srv.url, 'POST', '/contacts/999999/tags', { token, body: { tag_ids: [t1.id] } }))
        .status,
    ).toBe(404);
    expect((await api(srv.url, 'GET', '/contacts/abc/tags', { token })).status).toBe(404);
  });

  it('lists the contacts of a tag (GET /contacts/by-tag/:tagId)', async () => {
    const { token, actor } = await crmWorkspace();
    const tag = await makeTag(actor);
    const a = await makeContact(actor, { tag_ids: [tag.id] });
    await makeContact(actor);
    const b = await makeContact(actor, { tag_ids: [tag.id] });
    const res = await api(srv.url, 'GET', `/contacts/by-tag/${tag.id}`, { token });
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([a.id, b.id]);
    expect(Object.keys(res.body[0]).sort()).toEqual(CONTACT_KEYS);
    expect((await api(srv.url, 'GET', '/contacts/by-tag/999999', { token })).status).toBe(404);
    expect((await api(srv.url, 'GET', '/contacts/by-tag/vip', { token })).status).toBe(404);
  });
});

describe('tRPC contacts router', () => {
  it('creates, lists with tags and refuses out-of-range ids', async () => {
    const { admin, actor } = await crmWorkspace();
    const caller = callerFor(admin);
    const tag = await makeTag(actor);
    const c = await caller.contacts.create({ external_id: 'trpc-1', tag_ids: [tag.id] });
    const page = await caller.contacts.list({ tag_ids: [tag.id], include_tags: true });
    expect(page.data).toEqual([c]);
    await expect(caller.contacts.get({ id: 2 ** 31 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.contacts.addTags({ id: c.id, tag_ids: [2 ** 31] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
