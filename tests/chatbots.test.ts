import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { integrations } from '../server/db/schema';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

describe('chatbots REST (seed 000 Chatbots module)', () => {
  it('creates a bot with a uuid id and a widget public key, then reads, patches and deletes it', async () => {
    const { admin } = await makeWorkspace();
    const token = await tokenFor(admin);
    const created = await api(srv.url, 'POST', '/chatbots', {
      token,
      body: { name: 'Pizzaria Bot', systemPrompt: 'Sell pizza', greeting: 'Olá!' },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.publicKey).toMatch(/^pk_/);
    expect(created.body).toMatchObject({ name: 'Pizzaria Bot', aiEnabled: true, greeting: 'Olá!' });

    const got = await api(srv.url, 'GET', `/chatbots/${created.body.id}`, { token });
    expect(got.body).toEqual(created.body);
    const list = await api(srv.url, 'GET', '/chatbots', { token });
    expect(list.body).toEqual([created.body]);

    const patched = await api(srv.url, 'PATCH', `/chatbots/${created.body.id}`, {
      token,
      body: { aiEnabled: false, model: 'gpt-4.1-mini' },
    });
    expect(patched.body).toMatchObject({
      aiEnabled: false,
      model: 'gpt-4.1-mini',
      name: 'Pizzaria Bot',
    });

    const del = await api(srv.url, 'DELETE', `/chatbots/${created.body.id}`, { token });
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    expect((await api(srv.url, 'GET', `/chatbots/${created.body.id}`, { token })).status).toBe(404);
  });

  it('rejects invalid input, non-admins and other workspaces', async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const tokenA = await tokenFor(a.admin);
    const bad = await api(srv.url, 'POST', '/chatbots', {
      token: tokenA,
      body: { temperature: 5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['name should not be empty']));

    const agent = await makeUser(a.workspace.id);
    const forbidden = await api(srv.url, 'POST', '/chatbots', {
      token: await tokenFor(agent),
      body: { name: 'Nope' },
    });
    expect(forbidden.status).toBe(403);

    const bBot = await callerFor(b.admin).chatbots.create({ name: 'B bot' });
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const res = await api(srv.url, method, `/chatbots/${bBot.id}`, {
        token: tokenA,
        body: method === 'PATCH' ? { name: 'stolen' } : undefined,
      });
      expect(res.status, method).toBe(404);
    }
    expect((await api(srv.url, 'GET', '/chatbots/not-an-id', { token: tokenA })).status).toBe(404);
    expect((await callerFor(b.admin).chatbots.get({ id: bBot.id })).name).toBe('B bot');
  });
});

describe('integrations', () => {
  it('encrypts credentials at rest and never returns them', async () => {
    const { admin } = await makeWorkspace();
    const caller = callerFor(admin);
    const bot = await caller.chatbots.create({ name: 'WA bot' });
    const secret = 'EAAG-super-secret-token';
    const created = await caller.integrations.create({
      channel: 'WHATSAPP_CLOUD',
      name: 'WhatsApp Business',
      phoneNumber: '5511888888888',
      defaultChatbotId: bot.id,
      config: { phoneNumberId: '123' },
      credentials: { accessToken: secret, appSecret: 'shh' },
    });
    expect(created).toMatchObject({ hasCredentials: true, defaultChatbotId: bot.id });
    expect(JSON.stringify(created)).not.toContain(secret);
    expect(JSON.stringify(await caller.integrations.list())).not.toContain(secret);
    const [row] = await db.select().from(integrations);
    expect(row!.credentialsEncrypted).not.toContain(secret);

    const cleared = await caller.integrations.update({
      id: created.id,
      patch: { credentials: null },
    });
    expect(cleared.hasCredentials).toBe(false);
  });

  it('is admin-only and workspace-scoped', async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const agent = await makeUser(a.workspace.id);
    expect(
      (
        await callerFor(agent)
          .integrations.list()
          .catch((e) => e)
      ).code,
    ).toBe('FORBIDDEN');
    const bInt = await callerFor(b.admin).integrations.create({
      channel: 'WIDGET',
      name: 'B widget',
    });
    const err = await callerFor(a.admin)
      .integrations.get({ id: bInt.id })
      .catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
    const bBot = await callerFor(b.admin).chatbots.create({ name: 'B bot' });
    const cross = await callerFor(a.admin)
      .integrations.create({ channel: 'WIDGET', name: 'sneaky', defaultChatbotId: bBot.id })
      .catch((e) => e);
    expect(cross.code).toBe('NOT_FOUND');
  });
});
