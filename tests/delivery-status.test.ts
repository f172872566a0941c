import { eq, sql } from 'drizzle-orm';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations, messageSendAttempts, messages } from '../server/db/schema';
import {
  advanceDeliveryStatus,
  deliveredStats,
  markDelivered,
} from '../server/services/messages/status';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import { eventsOf, inboxWorkspace, openConversation } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually, runWorker } from './helpers/worker';
import { WAHA_URL, wahaMessage } from './mocks/bridges';
import { mockServer } from './mocks/server';
import { freePort } from './setup/global';

const srv = serverForThisFile();

/** An operator message (pending until the outgoing job sends it) in a fresh conversation. */
async function outbound() {
  const ws = await inboxWorkspace();
  const c = await openConversation(srv.url, ws.admin, ws.bot.id);
  const sent = await callerFor(ws.admin).conversations.sendMessage({
    conversationId: c.id,
    message: { content: { text: 'Your order is on its way' } },
  });
  const [m] = await db.select().from(messages).where(eq(messages.uuid, sent.id));
  const statusEvents = async () =>
    (await eventsOf(c.id))
      .filter((e) => e.type === 'message:status')
      .map((e) => e.payload.status as string);
  const detail = async () =>
    (await api(srv.url, 'GET', `/api/conversations/${c.uuid}`, { token: ws.token })).body.messages
      .filter((x: { id: string }) => x.id === sent.id)
      .at(0);
  return { ws, c, message: m!, statusEvents, detail };
}

const row = async (id: number) => (await db.select().from(messages).where(eq(messages.id, id)))[0]!;

describe('delivery status', () => {
  it('marks messages pushed together delivered in one statement, each with its event, forward only', async () => {
    const first = await outbound();
    const second = await outbound();
    const read = await outbound();
    await advanceDeliveryStatus(read.message.id, { status: 'read' });
    const before = { ...deliveredStats };
    const errors: unknown[] = [];
    for (const m of [second.message, first.message, read.message])
      markDelivered(m.id, (err) => errors.push(err));
    await eventually(async () => (await row(second.message.id)).status === 'delivered');
    expect(deliveredStats.statements - before.statements).toBe(1);
    expect(deliveredStats.messages - before.messages).toBe(3);
    expect((await row(first.message.id)).status).toBe('delivered');
    expect(await first.statusEvents()).toEqual(['delivered']);
    expect(await second.statusEvents()).toEqual(['delivered']);
    // A read message stays read, and gets no delivered event.
    expect((await row(read.message.id)).status).toBe('read');
    expect(await read.statusEvents()).toEqual(['read']);
    expect(errors).toEqual([]);
  });

  it('moves forward only: pending → sent → delivered → read; a late "delivered" changes nothing', async () => {
    const { message, statusEvents, detail, ws } = await outbound();
    expect(message.status).toBe('pending');
    const t = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s));
    expect(await advanceDeliveryStatus(message.id, { status: 'sent', at: t(1) })).toMatchObject({
      status: 'sent',
    });
    await advanceDeliveryStatus(message.id, { status: 'delivered', at: t(2) });
    await advanceDeliveryStatus(message.id, { status: 'read', at: t(3) });
    const late = await advanceDeliveryStatus(message.id, { status: 'delivered', at: t(9) });
    expect(late).toBeNull();
    expect(await advanceDeliveryStatus(message.id, { status: 'sent', at: t(9) })).toBeNull();
    expect(await advanceDeliveryStatus(message.id, { status: 'read', at: t(9) })).toBeNull();
    expect(await advanceDeliveryStatus(message.id, { status: 'failed', at: t(9) })).toBeNull();
    expect(await row(message.id)).toMatchObject({
      status: 'read',
      sentAt: t(1),
      deliveredAt: t(2),
      readAt: t(3),
      failedAt: null,
    });
    expect(await statusEvents()).toEqual(['sent', 'delivered', 'read']);
    expect(await detail()).toMatchObject({
      status: 'read',
      sentAt: t(1).toISOString(),
      deliveredAt: t(2).toISOString(),
      readAt: t(3).toISOString(),
    });
    const seed001 = await api(srv.url, 'GET', `/messages/${message.uuid}`, { token: ws.token });
    expect(seed001.body.deliveryStatus).toBe('READ');
  });

  it('fills the steps it skips over, keeping earlier times', async () => {
    const { message } = await outbound();
    const at = new Date(Date.UTC(2030, 0, 1));
    await advanceDeliveryStatus(message.id, { status: 'sent', at });
    await advanceDeliveryStatus(message.id, { status: 'read', at: new Date(at.getTime() + 5000) });
    const r = await row(message.id);
    expect(r.sentAt).toEqual(at);
    expect(r.deliveredAt).toEqual(new Date(at.getTime() + 5000));
    expect(r.readAt).toEqual(new Date(at.getTime() + 5000));
  });

  it('fails with an error before delivery; a failed message stays failed', async () => {
    const { message, statusEvents, detail, ws } = await outbound();
    await advanceDeliveryStatus(message.id, { status: 'sent' });
    const failed = await advanceDeliveryStatus(message.id, {
      status: 'failed',
      errorCode: '131047',
      errorTitle: 'Re-engagement message',
    });
    expect(failed).toMatchObject({ status: 'failed', errorCode: '131047' });
    for (const status of ['delivered', 'read', 'sent', 'failed'] as const) {
      expect(await advanceDeliveryStatus(message.id, { status })).toBeNull();
    }
    expect(await row(message.id)).toMatchObject({ status: 'failed', deliveredAt: null });
    expect(await statusEvents()).toEqual(['sent', 'failed']);
    const events = (await eventsOf(message.conversationId)).filter(
      (e) => e.type === 'message:status',
    );
    expect(events.at(-1)!.payload).toMatchObject({
      status: 'failed',
      errorCode: '131047',
      errorTitle: 'Re-engagement message',
    });
    expect(await detail()).toMatchObject({
      status: 'failed',
      error: { code: '131047', title: 'Re-engagement message' },
    });
    const seed001 = await api(srv.url, 'GET', `/messages/${message.uuid}`, { token: ws.token });
    expect(seed001.body.deliveryStatus).toBe('FAILED');
    // Delivered messages cannot fail afterwards.
    const other = await outbound();
    await advanceDeliveryStatus(other.message.id, { status: 'delivered' });
    expect(await advanceDeliveryStatus(other.message.id, { status: 'failed' })).toBeNull();
  });

  it('ends at the furthest status whatever order concurrent updates arrive in', async () => {
    const { message, statusEvents } = await outbound();
    const order = ['read', 'delivered', 'sent', 'delivered', 'read', 'sent'] as const;
    await Promise.all(
      order.map((status) =>
        db.transaction((tx) => advanceDeliveryStatus(message.id, { status }, tx)),
      ),
    );
    const r = await row(message.id);
    expect(r.status).toBe('read');
    expect(r.readAt).not.toBeNull();
    const applied = await statusEvents();
    expect(applied.at(-1)).toBe('read');
    expect(applied.filter((s) => s === 'read')).toHaveLength(1);
    expect(applied).toEqual([...applied].sort((a, b) => rank(a) - rank(b)));
  });
  it('changes the status and writes its event together, or neither', async () => {
    const { ws, message, statusEvents } = await outbound();
    await db.execute(
      sql.raw(`
      create function refuse_status_event() returns trigger language plpgsql as $$
      begin
        if new.workspace_id = ${ws.workspace.id} and new.type = 'message:status' then
          raise exception 'outbox refused';
        end if;
        return new;
      end $$;
      create trigger refuse_status_event before insert on events
        for each row execute function refuse_status_event();`),
    );
    try {
      await expect(advanceDeliveryStatus(message.id, { status: 'delivered' })).rejects.toThrow();
    } finally {
      await db.execute(
        sql.raw('drop trigger refuse_status_event on events; drop function refuse_status_event();'),
      );
    }
    expect(await row(message.id)).toMatchObject({ status: 'pending', deliveredAt: null });
    expect(await statusEvents()).toEqual([]);
  });
});

describe('a send whose outcome is unknown', () => {
  /** A WAHA line whose bridge answers as `answer` says, and an operator message to send on it. */
  async function whatsappOutbound(baseUrl: string, text = 'Your order is on its way') {
    const { admin } = await makeWorkspace();
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_QR',
      { provider: 'waha', baseUrl, session: 'default' },
      { apiKey: 'k', webhookSecret: 's' },
    );
    await postWebhook(
      srv.url,
      `/webhooks/whatsapp-qr/${integration.uuid}`,
      wahaMessage(`${phone}@c.us`, `false_${phone}`, 'hi'),
      { 'X-Webhook-Secret': 's' },
    );
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, `${phone}@c.us`));
    const sent = await callerFor(admin).conversations.sendMessage({
      conversationId: c!.uuid,
      message: { content: { text } },
    });
    phone++;
    return { uuid: sent.id, conversationId: c!.id };
  }
  let phone = 5511999991000;
  const bridgeCalls: string[] = [];
  const bridgeAnswers = (...statuses: (number | 'network')[]) =>
    mockServer.use(
      http.post(`${WAHA_URL}/api/sendText`, async ({ request }) => {
        bridgeCalls.push(((await request.json()) as { text: string }).text);
        const status = statuses.shift() ?? 201;
        if (status === 'network') return HttpResponse.error();
        return HttpResponse.json({ id: { _serialized: `wa_${bridgeCalls.length}` } }, { status });
      }),
    );
  const failure = async (uuid: string) => {
    const [m] = await db.select().from(messages).where(eq(messages.uuid, uuid));
    return { status: m!.status, errorCode: m!.errorCode, externalId: m!.externalId };
  };

  it('is not sent again after the process died mid-call: failed as outcome_unknown, with its event', async () => {
    bridgeCalls.length = 0;
    bridgeAnswers(201);
    const { uuid, conversationId } = await whatsappOutbound(WAHA_URL);
    const [m] = await db.select().from(messages).where(eq(messages.uuid, uuid));
    // What a worker killed while the bridge was answering leaves behind.
    await db.insert(messageSendAttempts).values({ messageId: m!.id });
    expect(await failure((await sendNow(uuid)).uuid)).toEqual({
      status: 'failed',
      errorCode: 'outcome_unknown',
      externalId: null,
    });
    expect(bridgeCalls).toEqual([]);
    const events = (await eventsOf(conversationId)).filter((e) => e.type === 'message:status');
    expect(events.at(-1)!.payload).toMatchObject({
      status: 'failed',
      errorCode: 'outcome_unknown',
    });
    await sendNow(uuid);
    expect(bridgeCalls).toEqual([]);
  });

  it('is not retried when the call ends without an answer; a refusal or no connection is', async () => {
    bridgeCalls.length = 0;
    bridgeAnswers('network', 503, 201, 504);
    const cut = await whatsappOutbound(WAHA_URL);
    expect(await failure((await sendNow(cut.uuid)).uuid)).toMatchObject({
      status: 'failed',
      errorCode: 'outcome_unknown',
    });
    // The bridge said it could not take it (503): pending, and the next attempt sends once.
    const refused = await whatsappOutbound(WAHA_URL);
    await expect(sendNow(refused.uuid)).rejects.toThrow(/503/);
    expect((await failure(refused.uuid)).status).toBe('pending');
    expect(await failure((await sendNow(refused.uuid)).uuid)).toMatchObject({ status: 'sent' });
    // A gateway that gave up waiting (504) does not say whether the bridge sent.
    const gateway = await whatsappOutbound(WAHA_URL);
    expect((await failure((await sendNow(gateway.uuid)).uuid)).errorCode).toBe('outcome_unknown');
    expect(bridgeCalls).toHaveLength(4);
    // Nothing listens on the port: no connection was made, so it is retried.
    const closed = await whatsappOutbound(`http://127.0.0.1:${await freePort()}`);
    await expect(sendNow(closed.uuid)).rejects.toThrow();
    await expect(sendNow(closed.uuid)).rejects.toThrow();
    expect((await failure(closed.uuid)).status).toBe('pending');
  });

  it('fails with the provider’s answer when its last attempt is refused for now, not pending for good', async () => {
    bridgeCalls.length = 0;
    bridgeAnswers(503);
    const text = 'Your refund was approved';
    const { uuid, conversationId } = await whatsappOutbound(WAHA_URL, text);
    // This job's last attempt: graphile-worker will not run it again.
    await db.execute(sql`update graphile_worker._private_jobs set max_attempts = 1
      where payload->>'messageId' = (select id::text from messages where uuid = ${uuid})`);
    const worker = await runWorker();
    try {
      await eventually(async () => (await failure(uuid)).status !== 'pending', 10_000);
    } finally {
      await worker.stop();
    }
    expect(bridgeCalls.filter((t) => t === text)).toHaveLength(1);
    const [m] = await db.select().from(messages).where(eq(messages.uuid, uuid));
    expect(m).toMatchObject({ status: 'failed', errorCode: '503', externalId: null });
    expect(m!.errorTitle).toMatch(/bridge answered 503/);
    const events = (await eventsOf(conversationId)).filter((e) => e.type === 'message:status');
    expect(events.at(-1)!.payload).toMatchObject({ status: 'failed', errorCode: '503' });
  });
});

const rank = (s: string) => ['pending', 'sent', 'delivered', 'read'].indexOf(s);
