import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenBuckets } from '../server/channels/rate-limit';
import { db } from '../server/db/client';
import { conversations, messages } from '../server/db/schema';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import { api, serverForThisFile } from './helpers/server';
import {
  EVOLUTION_URL,
  evolutionSendHandler,
  evolutionUpdate,
  evolutionUpsert,
  WAHA_URL,
  wahaAck,
  wahaMessage,
  wahaSendHandler,
} from './mocks/bridges';
import { mockServer } from './mocks/server';

const srv = serverForThisFile();

const credentials = { apiKey: 'bridge-key', webhookSecret: 'hook-secret' };

async function reply(admin: Parameters<typeof tokenFor>[0], externalUserId: string, text: string) {
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId));
  const res = await api(srv.url, 'POST', `/api/conversations/${c!.uuid}/messages`, {
    token: await tokenFor(admin),
    body: { type: 'text', content: { text } },
  });
  expect(res.status).toBe(201);
  return sendNow(res.body.id);
}

describe('WAHA bridge', () => {
  it('checks the shared secret, receives messages, sends with X-Api-Key and maps acks to delivery states', async () => {
    const { admin } = await makeWorkspace();
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_QR',
      { provider: 'waha', baseUrl: WAHA_URL, session: 'default' },
      credentials,
    );
    const path = `/webhooks/whatsapp-qr/${integration.uuid}`;
    const from = '5511999990010@c.us';
    expect((await postWebhook(srv.url, path, wahaMessage(from, 'false_x_1', 'oi'))).status).toBe(
      401,
    );
    expect(
      (
        await postWebhook(srv.url, path, wahaMessage(from, 'false_x_1', 'oi'), {
          'X-Webhook-Secret': 'wrong',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await postWebhook(
          srv.url,
          `${path}?secret=hook-secret`,
          wahaMessage(from, 'false_x_1', 'oi'),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await postWebhook(srv.url, path, wahaMessage(from, 'false_x_1', 'oi'), {
          'X-Webhook-Secret': 'hook-secret',
        })
      ).status,
    ).toBe(200);
    const inbound = await db.select().from(messages).where(eq(messages.externalId, 'false_x_1'));
    expect(inbound).toHaveLength(1);

    const captured: { body: Record<string, unknown>; apiKey: string | null }[] = [];
    mockServer.use(wahaSendHandler(captured));
    const sent = await reply(admin, from, 'Olá João');
    expect(captured[0]).toEqual({
      body: { session: 'default', chatId: from, text: 'Olá João' },
      apiKey: 'bridge-key',
    });
    expect(sent).toMatchObject({ status: 'sent', externalId: 'true_5511999990010@c.us_3EB0ABC' });

    const ack = (n: number) =>
      postWebhook(srv.url, path, wahaAck(sent.externalId!, n), {
        'X-Webhook-Secret': 'hook-secret',
      });
    await ack(3);
    await ack(2);
    const [read] = await db.select().from(messages).where(eq(messages.id, sent.id));
    expect(read!.status).toBe('read');
  });

  it('maps ack -1 to a failure', async () => {
    const { admin } = await makeWorkspace();
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_QR',
      { provider: 'waha', baseUrl: WAHA_URL },
      credentials,
    );
    const path = `/webhooks/whatsapp-qr/${integration.uuid}`;
    const from = '5511999990012@c.us';
    await postWebhook(srv.url, path, wahaMessage(from, 'false_y_1', 'oi'), {
      'X-Webhook-Secret': 'hook-secret',
    });
    mockServer.use(wahaSendHandler([], 'true_y_out'));
    const sent = await reply(admin, from, 'x');
    await postWebhook(srv.url, path, wahaAck('true_y_out', -1), {
      'X-Webhook-Secret': 'hook-secret',
    });
    const [failed] = await db.select().from(messages).where(eq(messages.id, sent.id));
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'bridge_error' });
  });
});

describe('Evolution API bridge', () => {
  it('receives messages.upsert, sends with apikey and applies messages.update', async () => {
    const { admin } = await makeWorkspace();
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_QR',
      { provider: 'evolution', baseUrl: EVOLUTION_URL, instance: 'loja' },
      credentials,
    );
    const path = `/webhooks/whatsapp-qr/${integration.uuid}`;
    const jid = '5511999990011@s.whatsapp.net';
    const headers = { 'X-Webhook-Secret': 'hook-secret' };
    await postWebhook(srv.url, path, evolutionUpsert('loja', jid, '3EB0IN', 'Bom dia'), headers);
    await postWebhook(srv.url, path, evolutionUpsert('loja', jid, '3EB0IN', 'Bom dia'), headers);
    const inbound = await db.select().from(messages).where(eq(messages.externalId, '3EB0IN'));
    expect(inbound).toHaveLength(1);
    expect(inbound[0]!.content).toEqual({ text: 'Bom dia' });

    const captured: { body: Record<string, unknown>; apiKey: string | null }[] = [];
    mockServer.use(evolutionSendHandler('loja', captured));
    const sent = await reply(admin, jid, 'Bom dia, Carla!');
    expect(captured[0]).toEqual({
      body: { number: '5511999990011', text: 'Bom dia, Carla!' },
      apiKey: 'bridge-key',
    });
    expect(sent.externalId).toBe('BAE5F2C1D2A3');
    await postWebhook(
      srv.url,
      path,
      evolutionUpdate('loja', 'BAE5F2C1D2A3', 'DELIVERY_ACK'),
      headers,
    );
    const [delivered] = await db.select().from(messages).where(eq(messages.id, sent.id));
    expect(delivered!.status).toBe('delivered');
  });
});

describe('token bucket', () => {
  afterEach(() => vi.useRealTimers());

  it('lets `rate` messages through at once, then one per 1/rate seconds', async () => {
    vi.useFakeTimers();
    const buckets = new TokenBuckets();
    const done: number[] = [];
    for (let i = 0; i < 4; i++) void buckets.take('number-1', 2).then(() => done.push(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toEqual([0, 1, 2, 3]);
    // Another number has its own bucket.
    let other = false;
    void buckets.take('number-2', 2).then(() => (other = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(other).toBe(true);
  });
});
