import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { messages } from '../server/db/schema';
import { createApiKey, revokeApiKey } from '../server/services/api-keys';
import { makeApiKey } from './factories/api-key';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { actorFor, conversationRow, inboxWorkspace } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const BASE = '/api/v1/chat/conversations';
const LARAVEL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** A workspace with two agents, María and Juan, and the platform's public key. */
async function chat() {
  const ws = await inboxWorkspace();
  const juan = await ws.member('agent', 'Juan Silva');
  const maria = await ws.member('agent', 'María Santos');
  const key = await makeApiKey(ws.admin);
  const call = (who: { token: string }, method: string, path: string, body?: unknown) =>
    api(srv.url, method, path, { token: who.token, headers: { 'X-PUBLIC-KEY': key }, body });
  return { ws, juan, maria, key, call };
}

describe('POST /api/v1/chat/conversations (seed 004)', () => {
  it('creates a conversation with both participants and the linked record (201)', async () => {
    const { juan, maria, call } = await chat();
    const res = await call(juan, 'POST', BASE, {
      participant_uuid: maria.user.uuid,
      taggable_type: 'App\\Models\\Order',
      taggable_id: 123,
    });
    expect(res.status).toBe(201);
    expect(res.body.message).toBe('Conversación creada exitosamente');
    const pivot = (userId: number) => ({
      conversation_id: expect.any(Number),
      user_id: userId,
      unread_count: 0,
      last_read_at: null,
      joined_at: expect.stringMatching(LARAVEL_TIME),
      created_at: expect.stringMatching(LARAVEL_TIME),
      updated_at: expect.stringMatching(LARAVEL_TIME),
    });
    expect(res.body.data).toEqual({
      uuid: expect.any(String),
      taggable_type: 'App\\Models\\Order',
      taggable_id: 123,
      last_message_text: null,
      last_message_at: null,
      is_archived: false,
      created_at: expect.stringMatching(LARAVEL_TIME),
      updated_at: expect.stringMatching(LARAVEL_TIME),
      participants: expect.arrayContaining([
        {
          uuid: juan.user.uuid,
          name: 'Juan Silva',
          email: juan.user.email,
          pivot: pivot(juan.user.id),
        },
        {
          uuid: maria.user.uuid,
          name: 'María Santos',
          email: maria.user.email,
          pivot: pivot(maria.user.id),
        },
      ]),
    });
    expect(res.body.data.participants).toHaveLength(2);
    const row = await conversationRow(res.body.data.uuid);
    expect(row).toMatchObject({ kind: 'direct', taggableId: 123, isArchived: false });
    // Optional record; the id may come as a numeric string.
    const plain = await call(maria, 'POST', BASE, {
      participant_uuid: juan.user.uuid.toUpperCase(),
      taggable_id: '77',
    });
    expect(plain.status).toBe(201);
    expect(plain.body.data).toMatchObject({ taggable_type: null, taggable_id: 77 });
  });

  it('answers 422 in Laravel’s format', async () => {
    const { juan, maria, call } = await chat();
    const other = await makeWorkspace();
    const missing = await call(juan, 'POST', BASE, {});
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({
      message: 'The participant uuid field is required.',
      errors: { participant_uuid: ['The participant uuid field is required.'] },
    });
    const two = await call(juan, 'POST', BASE, { participant_uuid: 'nope', taggable_id: 'abc' });
    expect(two.body).toEqual({
      message: 'The participant uuid field must be a valid UUID. (and 1 more error)',
      errors: {
        participant_uuid: ['The participant uuid field must be a valid UUID.'],
        taggable_id: ['The taggable id field must be an integer.'],
      },
    });
    const invalid = 'The selected participant uuid is invalid.';
    for (const uuid of [other.admin.uuid, '6b420a39-0b23-3a95-6a0b-3ca5900b4c05']) {
      const res = await call(juan, 'POST', BASE, { participant_uuid: uuid });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ message: invalid, errors: { participant_uuid: [invalid] } });
    }
    const self = await call(juan, 'POST', BASE, { participant_uuid: juan.user.uuid });
    expect(self.status).toBe(422);
    for (const taggable of [
      { taggable_id: 1e20 },
      { taggable_id: '99999999999999999999' },
      { taggable_id: 1.5 },
      { taggable_type: 'x'.repeat(256) },
      { taggable_type: 42 },
    ]) {
      const res = await call(juan, 'POST', BASE, {
        participant_uuid: maria.user.uuid,
        ...taggable,
      });
      expect(res.status, JSON.stringify(taggable)).toBe(422);
      expect(Object.keys(res.body.errors)).toEqual(Object.keys(taggable));
    }
    // Text PostgreSQL cannot store is the caller's input too: 422, not a 500.
    const nul = await call(juan, 'POST', BASE, {
      participant_uuid: maria.user.uuid,
      taggable_type: 'Ticket\u0000',
    });
    const unstorable = 'taggable_type must not contain NUL characters or unpaired surrogates';
    expect(nul.status).toBe(422);
    expect(nul.body).toEqual({ message: unstorable, errors: { taggable_type: [unstorable] } });
  });

  it('needs a valid Bearer token and a public key of the caller’s workspace (401)', async () => {
    const { ws, juan, maria, key } = await chat();
    const body = { participant_uuid: maria.user.uuid };
    const post = (headers: Record<string, string>, token: string | null = juan.token) =>
      api(srv.url, 'POST', BASE, { token: token ?? undefined, headers, body });
    const other = await inboxWorkspace();
    const otherKey = await makeApiKey(other.admin);
    const unauthenticated = [
      await post({ 'X-PUBLIC-KEY': key }, null),
      await post({ 'X-PUBLIC-KEY': key }, 'not-a-jwt'),
      await post({}),
      await post({ 'X-PUBLIC-KEY': 'pk_unknown' }),
      await post({ 'X-PUBLIC-KEY': other.bot.publicKey }),
      await post({ 'X-PUBLIC-KEY': otherKey }),
      await api(srv.url, 'GET', BASE, { token: juan.token }),
    ];
    for (const [i, res] of unauthenticated.entries()) {
      expect(res.status, `case ${i}`).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthenticated.' });
    }
    // A chatbot's public key of the workspace identifies the platform too.
    expect((await post({ 'X-PUBLIC-KEY': ws.bot.publicKey })).status).toBe(201);
    const revoked = await createApiKey(actorFor(ws.admin), { name: 'Old platform' });
    expect((await post({ 'X-PUBLIC-KEY': revoked.key })).status).toBe(201);
    await revokeApiKey(actorFor(ws.admin), revoked.id);
    expect((await post({ 'X-PUBLIC-KEY': revoked.key })).status).toBe(401);
    expect((await post({ 'X-PUBLIC-KEY': key })).status).toBe(201);
  });
});

describe('listing, sending and reading direct messages (seed 004)', () => {
  it('lists only the caller’s conversations, newest activity first, with Laravel pagination', async () => {
    const { ws, juan, maria, call } = await chat();
    const pedro = await ws.member('agent', 'Pedro');
    const first = await call(juan, 'POST', BASE, { participant_uuid: maria.user.uuid });
    const second = await call(juan, 'POST', BASE, { participant_uuid: pedro.user.uuid });
    await call(maria, 'POST', BASE, { participant_uuid: pedro.user.uuid });
    await call(juan, 'POST', `${BASE}/${first.body.data.uuid}/messages`, { message: 'ping' });
    const list = await call(juan, 'GET', BASE);
    expect(list.status).toBe(200);
    expect(list.body.message).toBe('Conversaciones obtenidas exitosamente');
    expect(list.body.data.map((c: { uuid: string }) => c.uuid)).toEqual([
      first.body.data.uuid,
      second.body.data.uuid,
    ]);
    expect(list.body.data[0]).toMatchObject({
      last_message_text: 'ping',
      last_message_at: expect.stringMatching(LARAVEL_TIME),
    });
    expect(list.body.data[0].participants).toHaveLength(2);
    expect(list.body.meta).toEqual({ current_page: 1, per_page: 15, total: 2, last_page: 1 });
    for (const query of ['per_page=1&page=2', 'limit=1&page=2']) {
      const paged = await call(juan, 'GET', `${BASE}?${query}`);
      expect(paged.body.data.map((c: { uuid: string }) => c.uuid)).toEqual([second.body.data.uuid]);
      expect(paged.body.meta).toEqual({ current_page: 2, per_page: 1, total: 2, last_page: 2 });
    }
    const bad = await call(juan, 'GET', `${BASE}?page=abc&per_page=1000`);
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({
      message: 'page must be an integer number (and 1 more error)',
      errors: {
        page: ['page must be an integer number'],
        per_page: ['per_page must not be greater than 100'],
      },
    });
    const outsider = await ws.member('agent');
    expect((await call(outsider, 'GET', BASE)).body.data).toEqual([]);
  });

  it('sends and reads messages with separate unread state per participant', async () => {
    const { juan, maria, call } = await chat();
    const created = await call(juan, 'POST', BASE, { participant_uuid: maria.user.uuid });
    const uuid = created.body.data.uuid;
    const sent = await call(juan, 'POST', `${BASE}/${uuid}/messages`, { message: 'Hola María' });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      message: 'Mensaje enviado exitosamente',
      data: {
        uuid: expect.any(String),
        message: 'Hola María',
        sender: { uuid: juan.user.uuid, name: 'Juan Silva' },
        created_at: expect.stringMatching(LARAVEL_TIME),
        updated_at: expect.stringMatching(LARAVEL_TIME),
      },
    });
    await call(juan, 'POST', `${BASE}/${uuid}/messages`, { message: '¿Todo bien?' });
    const pivots = async (who: { token: string }) => {
      const list = await call(who, 'GET', BASE);
      const c = list.body.data.find((x: { uuid: string }) => x.uuid === uuid);
      return Object.fromEntries(
        c.participants.map((p: { uuid: string; pivot: unknown }) => [p.uuid, p.pivot]),
      );
    };
    let state = await pivots(juan);
    expect(state[maria.user.uuid]).toMatchObject({ unread_count: 2, last_read_at: null });
    expect(state[juan.user.uuid]).toMatchObject({ unread_count: 0 });
    expect(state[juan.user.uuid].last_read_at).toMatch(LARAVEL_TIME);

    const read = await call(maria, 'GET', `${BASE}/${uuid}/messages`);
    expect(read.status).toBe(200);
    expect(read.body.message).toBe('Mensajes obtenidos exitosamente');
    expect(read.body.data.map((m: { message: string }) => m.message)).toEqual([
      'Hola María',
      '¿Todo bien?',
    ]);
    state = await pivots(maria);
    expect(state[maria.user.uuid]).toMatchObject({ unread_count: 0 });
    expect(state[maria.user.uuid].last_read_at).toMatch(LARAVEL_TIME);
    await call(maria, 'POST', `${BASE}/${uuid}/messages`, { body: 'Sí' });
    state = await pivots(juan);
    expect(state[juan.user.uuid].unread_count).toBe(1);
    expect(state[maria.user.uuid].unread_count).toBe(0);

    const empty = await call(juan, 'POST', `${BASE}/${uuid}/messages`, { message: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual({ message: ['The message field is required.'] });
  });

  it('keeps the preview on the newest message under concurrent sends', async () => {
    const { juan, maria, call } = await chat();
    const created = await call(juan, 'POST', BASE, { participant_uuid: maria.user.uuid });
    const uuid = created.body.data.uuid;
    const sends = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? maria : juan, 'POST', `${BASE}/${uuid}/messages`, { message: `m${i}` }),
      ),
    );
    expect(sends.map((r) => r.status)).toEqual(Array(12).fill(201));
    const row = await conversationRow(uuid);
    const [newest] = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, row.id))
      .orderBy(desc(messages.id))
      .limit(1);
    expect(row.messageCount).toBe(12);
    expect(row.lastMessageId).toBe(newest!.id);
    expect(row.lastMessagePreview).toBe(newest!.content.text);
  });

  it('answers 404 to non-participants and other workspaces', async () => {
    const { ws, juan, maria, call } = await chat();
    const created = await call(juan, 'POST', BASE, { participant_uuid: maria.user.uuid });
    const uuid = created.body.data.uuid;
    const colleague = await ws.member('supervisor');
    const other = await inboxWorkspace();
    const stranger = {
      token: await tokenFor(other.admin),
    };
    const otherKey = await makeApiKey(other.admin);
    for (const [who, key] of [
      [colleague, undefined],
      [stranger, otherKey],
    ] as const) {
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { message: 'hi' }],
      ] as const) {
        const res = key
          ? await api(srv.url, method, `${BASE}/${uuid}/messages`, {
              token: who.token,
              headers: { 'X-PUBLIC-KEY': key },
              body,
            })
          : await call(who, method, `${BASE}/${uuid}/messages`, body);
        expect(res.status).toBe(404);
      }
    }
    expect((await call(juan, 'GET', `${BASE}/not-a-uuid/messages`)).status).toBe(404);
    expect((await conversationRow(uuid)).messageCount).toBe(0);
  });
});
