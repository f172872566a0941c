import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversationParticipants, messages } from '../server/db/schema';
import { callerFor } from './helpers/auth';
import {
  conversationRow,
  eventsOf,
  eventTypes,
  inboxWorkspace,
  jobsFor,
  openConversation,
  sendAsCustomer,
  visitor,
} from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const text = (t: string) => ({ type: 'text', content: { text: t } });

describe('conversation lifecycle', () => {
  it('create → takeover → operator message → release → end → a new conversation', async () => {
    const ws = await inboxWorkspace();
    const op = await ws.member('agent');
    const externalUserId = visitor();
    const created = await api(srv.url, 'POST', '/conversations', {
      token: ws.token,
      body: { chatbotId: ws.bot.id, externalUserId },
    });
    const id = created.body.id as string;
    await sendAsCustomer(srv.url, ws.admin, { chatbotId: ws.bot.id, externalUserId });
    const botHandled = await conversationRow(id);
    expect(botHandled).toMatchObject({ status: 'active', assignedUserId: null });
    expect(botHandled.assignedBotId).not.toBeNull();

    const takeover = await api(srv.url, 'POST', `/api/conversations/${id}/takeover`, {
      token: op.token,
      body: {},
    });
    expect(takeover.body).toEqual({ id, status: 'paused', assignedOperatorId: op.user.uuid });
    // The bot stays silent: it no longer owns the conversation (seed 003's view: the integer id).
    const seen = await api(srv.url, 'GET', `/conversations/${botHandled.id}`, { token: op.token });
    expect(seen.body).toMatchObject({ status: 'paused', assigned_bot: null, bot: null });

    const sent = await api(srv.url, 'POST', `/api/conversations/${id}/messages`, {
      token: op.token,
      body: text('Olá, sou o atendente João. Como posso ajudar?'),
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      waMessageId: null,
      direction: 'outbound',
      origin: 'operator',
      type: 'text',
      status: 'pending',
      createdAt: expect.any(String),
    });
    const [row] = await db.select().from(messages).where(eq(messages.uuid, sent.body.id));
    expect(row).toMatchObject({ senderUserId: op.user.id, conversationId: botHandled.id });
    const outgoing = (await jobsFor('outgoing-message')).filter(
      (j) => j.payload.messageId === row!.id,
    );
    expect(outgoing).toEqual([
      { payload: { messageId: row!.id }, queue_name: `conversation:${botHandled.id}` },
    ]);
    expect(await conversationRow(id)).toMatchObject({
      messageCount: 2,
      lastMessageId: row!.id,
      lastMessagePreview: 'Olá, sou o atendente João. Como posso ajudar?',
      status: 'paused',
    });

    const released = await api(srv.url, 'POST', `/api/conversations/${id}/release`, {
      token: op.token,
    });
    expect(released.body).toEqual({ id, status: 'active', assignedOperatorId: null });
    expect((await conversationRow(id)).assignedBotId).toBe(botHandled.assignedBotId);

    const ended = await api(srv.url, 'POST', `/api/conversations/${id}/end`, { token: op.token });
    expect(ended.body).toEqual({ id, status: 'ended' });
    const late = await api(srv.url, 'POST', `/api/conversations/${id}/messages`, {
      token: op.token,
      body: text('Still there?'),
    });
    expect(late.status).toBe(409);

    const next = await sendAsCustomer(srv.url, ws.admin, { chatbotId: ws.bot.id, externalUserId });
    expect(next.body.data.conversation).toMatchObject({ status: 'ACTIVE', externalUserId });
    expect(next.body.data.conversation.id).not.toBe(id);
    const again = await api(srv.url, 'POST', '/conversations', {
      token: ws.token,
      body: { chatbotId: ws.bot.id, externalUserId },
    });
    expect(again.body.id).toBe(next.body.data.conversation.id);
    expect(await eventTypes(botHandled.id)).toEqual([
      'conversation:created',
      'message:created',
      'conversation:status',
      'conversation:assigned',
      'message:created',
      'conversation:status',
      'conversation:assigned',
      'conversation:ended',
    ]);
  });

  it('an operator replying to a bot-handled conversation takes it over and joins it', async () => {
    const ws = await inboxWorkspace();
    const op = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const res = await callerFor(op.user).conversations.sendMessage({
      conversationId: c.uuid,
      message: { content: { text: 'Let me help' } },
    });
    expect(res).toMatchObject({ origin: 'operator', status: 'pending' });
    expect(await conversationRow(c.uuid)).toMatchObject({
      status: 'paused',
      assignedUserId: op.user.id,
      assignedBotId: null,
    });
    const events = await eventsOf(c.id);
    expect(events.find((e) => e.type === 'conversation:assigned')?.payload).toMatchObject({
      assignedUserId: op.user.id,
      previousUserId: null,
    });
    const joined = await db
      .select()
      .from(conversationParticipants)
      .where(eq(conversationParticipants.conversationId, c.id));
    expect(joined.map((p) => p.userId)).toEqual([op.user.id]);
    // Now it is the operator's: another agent may not write.
    const other = await ws.member('agent');
    const denied = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/messages`, {
      token: other.token,
      body: text('Me too'),
    });
    expect(denied.status).toBe(403);
  });

  it('validates operator messages', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const post = (body: unknown) =>
      api(srv.url, 'POST', `/api/conversations/${c.uuid}/messages`, { token: ws.token, body });
    const empty = await post({ type: 'text', content: { text: '  ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toEqual(['content.text should not be empty']);
    const wrong = await post({ type: 'sticker', content: 'hi' });
    expect(wrong.body.message).toEqual([
      'type must be one of the following values: text, interactive, media, template',
      'content must be an object',
    ]);
    const nul = await post({ type: 'text', content: { text: 'a\u0000b' } });
    expect(nul.status).toBe(400);
    expect(nul.body.message).toEqual([
      'content must not contain NUL characters or unpaired surrogates',
    ]);
    expect((await conversationRow(c.uuid)).messageCount).toBe(1);
  });
});

describe('the WhatsApp 24-hour window', () => {
  it('refuses free text outside the window (422) but sends templates; an inbound message opens it', async () => {
    const ws = await inboxWorkspace();
    const externalUserId = `+55${Date.now() % 1e10}`;
    const created = await api(srv.url, 'POST', '/conversations', {
      token: ws.token,
      body: { chatbotId: ws.bot.id, externalUserId, channel: 'WHATSAPP_CLOUD' },
    });
    const id = created.body.id;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      api(srv.url, 'POST', `/api/conversations/${id}/messages`, { token: ws.token, body, headers });
    const refused = await post(text('Hi there'), { 'Idempotency-Key': 'window-1' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('Unprocessable Entity');
    const template = await post({ type: 'template', content: { name: 'hello_world' } });
    expect(template.status).toBe(201);

    await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId,
      channel: 'WHATSAPP_CLOUD',
    });
    // The refused attempt did not use up its key.
    const retried = await post(text('Hi there'), { 'Idempotency-Key': 'window-1' });
    expect(retried.status).toBe(201);
  });
});

describe('Idempotency-Key on operator messages', () => {
  it('replays concurrent and later retries, and refuses the key with another body or conversation', async () => {
    const ws = await inboxWorkspace();
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const post = (conversation: string, body: unknown) =>
      api(srv.url, 'POST', `/api/conversations/${conversation}/messages`, {
        token: ws.token,
        body,
        headers: { 'Idempotency-Key': 'op-42' },
      });
    const results = await Promise.all(Array.from({ length: 5 }, () => post(c.uuid, text('Oi'))));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(201));
    for (const r of results) expect(r.body).toEqual(results[0]!.body);
    const replay = await fetch(`${srv.url}/api/conversations/${c.uuid}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ws.token}`,
        'content-type': 'application/json',
        'Idempotency-Key': 'op-42',
      },
      body: JSON.stringify({ content: { text: 'Oi' }, type: 'text' }),
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await replay.json()).toEqual(results[0]!.body);

    const operatorMessages = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, c.id));
    expect(operatorMessages.filter((m) => m.origin === 'operator')).toHaveLength(1);
    const jobs = (await jobsFor('outgoing-message')).filter(
      (j) => j.queue_name === `conversation:${c.id}`,
    );
    expect(jobs).toHaveLength(1);

    const changed = await post(c.uuid, text('Something else'));
    expect(changed.status).toBe(422);
    const elsewhere = await openConversation(srv.url, ws.admin, ws.bot.id);
    const moved = await post(elsewhere.uuid, text('Oi'));
    expect(moved.status).toBe(422);
    expect((await conversationRow(elsewhere.uuid)).messageCount).toBe(1);

    // The console (tRPC) shares the key space with REST for the same user.
    const viaTrpc = await callerFor(ws.admin).conversations.sendMessage({
      conversationId: c.id,
      message: { type: 'text', content: { text: 'Oi' } },
      idempotencyKey: 'op-42',
    });
    expect(viaTrpc).toEqual(results[0]!.body);
    const tooLong = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/messages`, {
      token: ws.token,
      body: text('x'),
      headers: { 'Idempotency-Key': 'k'.repeat(256) },
    });
    expect(tooLong.status).toBe(400);
  });
});
