import { describe, expect, it } from 'vitest';
import { makeAccount } from './factories/account';
import { makeEntry } from './factories/catalog-entry';
import { makeContact } from './factories/contact';
import { makeTag } from './factories/tag';
import { callerFor } from './helpers/auth';
import { crmWorkspace } from './helpers/crm';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

/** Workspace A with one row of every CRM kind, linked together; workspace B is the intruder. */
async function twoWorkspaces() {
  const a = await crmWorkspace();
  const tag = await makeTag(a.actor, { name: 'Shared name' });
  const contact = await makeContact(a.actor, {
    external_id: 'a-ext',
    phone_number: '5511000',
    tag_ids: [tag.id],
  });
  const server = await makeEntry('server', a.actor, 'Shared name');
  const device = await makeEntry('device', a.actor, 'Shared name');
  const application = await makeEntry('application', a.actor, 'Shared name');
  const account = await makeAccount(a.actor, {
    contact_id: contact.id,
    server_id: server.id,
    date_exp: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const b = await crmWorkspace();
  return { a, b, tag, contact, server, device, application, account };
}

describe('workspace isolation (seed 003 REST)', () => {
  it('answers 404 to every read, change and delete of another workspace row, and changes nothing', async () => {
    const { a, b, tag, contact, server, device, application, account } = await twoWorkspaces();
    const routes: [string, string, unknown?][] = [
      ['GET', `/tags/${tag.id}`],
      ['PATCH', `/tags/${tag.id}`, { name: 'stolen' }],
      ['DELETE', `/tags/${tag.id}`],
      ['GET', `/servers/${server.id}`],
      ['PATCH', `/servers/${server.id}`, { name: 'stolen' }],
      ['DELETE', `/servers/${server.id}`],
      ['GET', `/devices/${device.id}`],
      ['PATCH', `/devices/${device.id}`, { name: 'stolen' }],
      ['DELETE', `/devices/${device.id}`],
      ['GET', `/applications/${application.id}`],
      ['PATCH', `/applications/${application.id}`, { name: 'stolen' }],
      ['DELETE', `/applications/${application.id}`],
      ['GET', `/contacts/${contact.id}`],
      ['GET', '/contacts/external-id/a-ext'],
      ['PATCH', `/contacts/${contact.id}`, { name: 'stolen' }],
      ['DELETE', `/contacts/${contact.id}`],
      ['GET', `/contacts/${contact.id}/tags`],
      ['POST', `/contacts/${contact.id}/tags`, { tag_ids: [tag.id] }],
      ['DELETE', `/contacts/${contact.id}/tags`, { tag_ids: [tag.id] }],
      ['GET', `/contacts/by-tag/${tag.id}`],
      ['GET', `/contact-user-accounts/${account.id}`],
      ['GET', `/contact-user-accounts/contact/${contact.id}`],
      ['PATCH', `/contact-user-accounts/${account.id}`, { username_final: 'stolen' }],
      ['DELETE', `/contact-user-accounts/${account.id}`],
    ];
    for (const [method, path, body] of routes) {
      const res = await api(srv.url, method, path, { token: b.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error, `${method} ${path}`).toBe('Not Found');
    }

    // A's rows are untouched.
    expect((await api(srv.url, 'GET', `/tags/${tag.id}`, { token: a.token })).body).toEqual(tag);
    expect((await api(srv.url, 'GET', `/servers/${server.id}`, { token: a.token })).body).toEqual(
      server,
    );
    expect(
      (await api(srv.url, 'GET', `/contact-user-accounts/${account.id}`, { token: a.token })).body,
    ).toEqual(account);
    const got = await api(srv.url, 'GET', `/contacts/${contact.id}`, { token: a.token });
    expect(got.body).toEqual(contact);
    expect(got.body.tags).toEqual([tag]);
  });

  it('shows none of the other workspace rows in lists, and lets names and ids repeat across workspaces', async () => {
    const { b, tag } = await twoWorkspaces();
    for (const path of [
      '/tags',
      '/servers',
      '/devices',
      '/applications',
      '/contacts',
      '/contact-user-accounts',
    ]) {
      const res = await api(srv.url, 'GET', path, { token: b.token });
      expect(res.body, path).toMatchObject({ data: [], total: 0, totalPages: 0 });
    }
    const filtered = await api(srv.url, 'GET', `/contacts?tag_ids=${tag.id}&include_tags=true`, {
      token: b.token,
    });
    expect(filtered.body.total).toBe(0);
    for (const path of ['/tags', '/servers', '/devices', '/applications']) {
      const res = await api(srv.url, 'POST', path, {
        token: b.token,
        body: { name: 'SHARED NAME' },
      });
      expect(res.status, path).toBe(201);
    }
    const sameExternal = await api(srv.url, 'POST', '/contacts', {
      token: b.token,
      body: { external_id: 'a-ext', phone_number: '5511000' },
    });
    expect(sameExternal.status).toBe(201);
  });

  it('answers 404 for another workspace tag, contact, server, device or application passed in a body', async () => {
    const { a, b, tag, contact, server, device, application } = await twoWorkspaces();
    const own = await makeContact(b.actor);
    const ownTag = await makeTag(b.actor);
    const ownServer = await makeEntry('server', b.actor);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/contacts', { external_id: 'x', tag_ids: [ownTag.id, tag.id] }, 'Tag not found'],
      ['POST', `/contacts/${own.id}/tags`, { tag_ids: [tag.id] }, 'Tag not found'],
      ['POST', `/contacts/${own.id}/tags`, { tag_ids: [tag.id, 999999] }, 'Tag not found'],
      [
        'POST',
        '/contact-user-accounts',
        {
          contact_id: contact.id,
          username_final: 'u',
          password_final: 'p',
          server_id: ownServer.id,
        },
        'Contact not found',
      ],
      [
        'POST',
        '/contact-user-accounts',
        { contact_id: own.id, username_final: 'u', password_final: 'p', server_id: server.id },
        'Server not found',
      ],
      [
        'POST',
        '/contact-user-accounts',
        {
          contact_id: own.id,
          username_final: 'u',
          password_final: 'p',
          server_id: ownServer.id,
          device_id: device.id,
        },
        'Device not found',
      ],
      [
        'POST',
        '/contact-user-accounts',
        {
          contact_id: own.id,
          username_final: 'u',
          password_final: 'p',
          server_id: ownServer.id,
          application_id: application.id,
        },
        'Application not found',
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await api(srv.url, method, path, { token: b.token, body });
      expect(res.body, `${method} ${path} ${JSON.stringify(body)}`).toEqual({
        statusCode: 404,
        message,
        error: 'Not Found',
      });
    }
    const ownAccount = await makeAccount(b.actor, { contact_id: own.id, server_id: ownServer.id });
    const move = await api(srv.url, 'PATCH', `/contact-user-accounts/${ownAccount.id}`, {
      token: b.token,
      body: { server_id: server.id },
    });
    expect(move.status).toBe(404);
    // Nothing was written: B's contact has no tags, no contact "x" exists, B has one account.
    expect(
      (await api(srv.url, 'GET', `/contacts/${own.id}/tags`, { token: b.token })).body,
    ).toEqual([]);
    expect((await api(srv.url, 'GET', '/contacts/external-id/x', { token: b.token })).status).toBe(
      404,
    );
    expect(
      (await api(srv.url, 'GET', '/contact-user-accounts', { token: b.token })).body.total,
    ).toBe(1);
    expect(
      (await api(srv.url, 'GET', `/contacts/by-tag/${tag.id}`, { token: a.token })).body,
    ).toHaveLength(1);
  });
});

describe('workspace isolation (tRPC)', () => {
  it('answers NOT_FOUND for another workspace rows', async () => {
    const { b, tag, contact, server, account } = await twoWorkspaces();
    const caller = callerFor(b.admin);
    const notFound = { code: 'NOT_FOUND' };
    await expect(caller.tags.update({ id: tag.id, patch: { name: 'x' } })).rejects.toMatchObject(
      notFound,
    );
    await expect(caller.catalog.delete({ kind: 'server', id: server.id })).rejects.toMatchObject(
      notFound,
    );
    await expect(caller.contacts.get({ id: contact.id })).rejects.toMatchObject(notFound);
    await expect(caller.contacts.byTag({ tagId: tag.id })).rejects.toMatchObject(notFound);
    await expect(caller.accounts.get({ id: account.id })).rejects.toMatchObject(notFound);
    await expect(caller.accounts.ofContact({ contactId: contact.id })).rejects.toMatchObject(
      notFound,
    );
    expect(await caller.accounts.expiring({ withinDays: 3650 })).toEqual([]);
  });
});
