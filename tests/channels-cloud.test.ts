import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { contacts, conversations, events, messages } from '../server/db/schema';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import { api, serverForThisFile } from './helpers/server';
import { mockServer } from './mocks/server';
import {
  cloudWebhook,
  graphError,
  graphHandler,
  sentReply,
  sign,
  statusUpdate,
  textMessage,
} from './mocks/whatsapp-cloud';

const srv = serverForThisFile();

const SECRET = 'app-secret-123';
const PHONE_ID = '106540352242922';

async function setup() {
  const { admin } = await makeWorkspace();
  const { integration, bot } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId: PHONE_ID },
    { accessToken: 'EAAG-token', appSecret: SECRET, verifyToken: 'verify-me' },
  );
  const path = `/webhooks/whatsapp-cloud/${integration.uuid}`;
  const deliver = (value: Record<string, unknown>, mutate?: (raw: string) => string) => {
    const raw = JSON.stringify(cloudWebhook(PHONE_ID, value));
    return postWebhook(srv.url, path, mutate ? mutate(raw) : raw, {
      'X-Hub-Signature-256': sign(raw, SECRET),
    });
  };
  return { admin, integration, bot, path, deliver };
}

async function conversationOf(externalUserId: string) {
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId));
  return c!;
}

describe('WhatsApp Cloud API webhook', () => {
  it('answers the verification handshake only with the right token', async () => {
    const { path } = await setup();
    const ok = await api(
      srv.url,
      'GET',
      `${path}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    expect(
      (
        await api(
          srv.url,
          'GET',
          `${path}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`,
        )
      ).status,
    ).toBe(403);
  });

  it('refuses a missing or wrong signature, and a body changed by one byte, before parsing', async () => {
    const { path, deliver } = await setup();
    const raw = JSON.stringify(
      cloudWebhook(PHONE_ID, textMessage('5511999990001', 'wamid.A1', 'hi')),
    );
    expect((await postWebhook(srv.url, path, raw)).status).toBe(401);
    expect(
      (await postWebhook(srv.url, path, raw, { 'X-Hub-Signature-256': sign(raw, 'other-secret') }))
        .status,
    ).toBe(401);
    const tampered = await deliver(textMessage('5511999990001', 'wamid.A1', 'hi'), (r) =>
      r.replace('"hi"', '"ho"'),
    );
    expect(tampered.status).toBe(401);
    expect(
      (
        await postWebhook(srv.url, path, 'not json at all', {
          'X-Hub-Signature-256': sign('x', SECRET),
        })
      ).status,
    ).toBe(401);
    expect(await db.select().from(messages)).toEqual([]);
    expect((await deliver(textMessage('5511999990001', 'wamid.A1', 'hi'))).status).toBe(200);
  });

  it('stores text with the profile name, opens the window, and dedupes a retried delivery by wamid', async () => {
    const { deliver } = await setup();
    const from = '5511999990002';
    for (let i = 0; i < 2; i++)
      expect((await deliver(textMessage(from, 'wamid.HBgM1', 'Quero ver o cardápio'))).status).toBe(
        200,
      );
    const c = await conversationOf(from);
    expect(c.channel).toBe('WHATSAPP_CLOUD');
    expect(c.cswExpiresAt).not.toBeNull();
    const rows = await db.select().from(messages).where(eq(messages.conversationId, c.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      externalId: 'wamid.HBgM1',
      content: { text: 'Quero ver o cardápio' },
      direction: 'inbound',
    });
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, c.contactId!));
    expect(contact).toMatchObject({ name: 'Maria Santos', phoneNumber: `+${from}` });
  });

  it('maps button and list replies, and keeps media metadata', async () => {
    const { deliver } = await setup();
    const from = '5511999990003';
    await deliver({
      messages: [
        {
          from,
          id: 'wamid.B1',
          timestamp: '1',
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: 'menu', title: 'Cardápio' } },
        },
      ],
    });
    await deliver({
      messages: [
        {
          from,
          id: 'wamid.B2',
          timestamp: '2',
          type: 'interactive',
          interactive: {
            type: 'list_reply',
            list_reply: { id: 'pz-4', title: 'Calabresa', description: 'Large' },
          },
        },
      ],
    });
    await deliver({
      messages: [
        {
          from,
          id: 'wamid.B3',
          timestamp: '3',
          type: 'image',
          image: {
            caption: 'my receipt',
            mime_type: 'image/jpeg',
            sha256: 'abc=',
            id: '1479537139650973',
          },
        },
      ],
    });
    const rows = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, (await conversationOf(from)).id))
      .orderBy(messages.id);
    expect(rows.map((r) => [r.type, (r.content as { text: string }).text])).toEqual([
      ['interactive', 'Cardápio'],
      ['interactive', 'Calabresa'],
      ['media', 'my receipt'],
    ]);
    expect(rows[0]!.content).toMatchObject({ button_reply: { id: 'menu' } });
    expect(rows[2]!.metadata).toEqual({
      attachments: [
        {
          type: 'image',
          id: '1479537139650973',
          mime_type: 'image/jpeg',
          sha256: 'abc=',
          filename: null,
        },
      ],
    });
  });
});

describe('WhatsApp Cloud API sending', () => {
  async function operatorMessage(
    admin: Awaited<ReturnType<typeof setup>>['admin'],
    conversationUuid: string,
    body: unknown,
  ) {
    const res = await api(srv.url, 'POST', `/api/conversations/${conversationUuid}/messages`, {
      token: await tokenFor(admin),
      body,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('sends text, then applies statuses so that the highest wins and failures are recorded', async () => {
    const { admin, deliver } = await setup();
    const from = '5511999990004';
    await deliver(textMessage(from, 'wamid.IN1', 'oi'));
    const c = await conversationOf(from);
    const captured: Record<string, unknown>[] = [];
    mockServer.use(graphHandler(PHONE_ID, () => sentReply(from, 'wamid.OUT1'), captured));
    const sent = await sendNow(
      await operatorMessage(admin, c.uuid, { type: 'text', content: { text: 'Olá, sou a Ana' } }),
    );
    expect(sent).toMatchObject({ status: 'sent', externalId: 'wamid.OUT1' });
    expect(captured[0]).toMatchObject({
      messaging_product: 'whatsapp',
      to: from,
      type: 'text',
      text: { body: 'Olá, sou a Ana' },
      authorization: 'Bearer EAAG-token',
    });

    await deliver(statusUpdate('wamid.OUT1', 'read'));
    await deliver(statusUpdate('wamid.OUT1', 'delivered'));
    const [after] = await db.select().from(messages).where(eq(messages.id, sent.id));
    expect(after).toMatchObject({ status: 'read' });
    expect(after!.deliveredAt).not.toBeNull();

    mockServer.use(graphHandler(PHONE_ID, () => sentReply(from, 'wamid.OUT2')));
    const second = await sendNow(
      await operatorMessage(admin, c.uuid, { type: 'text', content: { text: 'second' } }),
    );
    await deliver(
      statusUpdate('wamid.OUT2', 'failed', [{ code: 131026, title: 'Message undeliverable' }]),
    );
    const [failed] = await db.select().from(messages).where(eq(messages.id, second.id));
    expect(failed).toMatchObject({
      status: 'failed',
      errorCode: '131026',
      errorTitle: 'Message undeliverable',
    });
    const [event] = await db
      .select()
      .from(events)
      .where(and(eq(events.type, 'message:status'), sql`${events.payload}->>'status' = 'failed'`));
    expect(event!.payload).toMatchObject({
      errorCode: '131026',
      errorTitle: 'Message undeliverable',
    });
  });

  it('maps up to three options to reply buttons (titles cut to 20) and more to a list of up to ten rows', async () => {
    const { admin, deliver } = await setup();
    const from = '5511999990005';
    await deliver(textMessage(from, 'wamid.IN2', 'menu?'));
    const c = await conversationOf(from);
    const captured: Record<string, unknown>[] = [];
    mockServer.use(graphHandler(PHONE_ID, (_b, n) => sentReply(from, `wamid.X${n}`), captured));
    const buttons = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `o${i}`,
        title: `Option number ${i} with a long title`,
      }));
    await sendNow(
      await operatorMessage(admin, c.uuid, {
        type: 'interactive',
        content: { type: 'button', body: { text: 'Pick one' }, action: { buttons: buttons(3) } },
      }),
    );
    await sendNow(
      await operatorMessage(admin, c.uuid, {
        type: 'interactive',
        content: { type: 'button', body: { text: 'Pick one' }, action: { buttons: buttons(5) } },
      }),
    );
    const [first, second] = captured as {
      interactive: {
        type: string;
        action: { buttons?: { reply: { title: string } }[]; sections?: { rows: unknown[] }[] };
      };
    }[];
    expect(first!.interactive.type).toBe('button');
    expect(first!.interactive.action.buttons!.map((b) => b.reply.title.length)).toEqual([
      20, 20, 20,
    ]);
    expect(second!.interactive.type).toBe('list');
    expect(second!.interactive.action.sections![0]!.rows).toHaveLength(5);
  });

  it('refuses free-form messages outside the 24-hour window without calling the API; templates pass', async () => {
    const { admin, deliver } = await setup();
    const from = '5511999990006';
    await deliver(textMessage(from, 'wamid.IN3', 'hello'));
    const c = await conversationOf(from);
    const captured: Record<string, unknown>[] = [];
    mockServer.use(graphHandler(PHONE_ID, () => sentReply(from, 'wamid.T1'), captured));
    const id = await operatorMessage(admin, c.uuid, {
      type: 'text',
      content: { text: 'still open' },
    });
    await db
      .update(conversations)
      .set({ cswExpiresAt: sql`now() - interval '1 minute'` })
      .where(eq(conversations.id, c.id));
    const closed = await sendNow(id);
    expect(closed).toMatchObject({ status: 'failed', errorCode: 'window_closed' });
    expect(captured).toHaveLength(0);
    const refused = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/messages`, {
      token: await tokenFor(admin),
      body: { type: 'text', content: { text: 'late' } },
    });
    expect(refused.status).toBe(422);
    const template = await sendNow(
      await operatorMessage(admin, c.uuid, {
        type: 'template',
        content: { name: 'order_update', language: 'pt_BR' },
      }),
    );
    expect(template.status).toBe('sent');
    expect(captured[0]).toMatchObject({
      type: 'template',
      template: { name: 'order_update', language: { code: 'pt_BR' } },
    });
  });

  it('retries after a rate-limit error (130429) instead of failing the message', async () => {
    const { admin, deliver } = await setup();
    const from = '5511999990007';
    await deliver(textMessage(from, 'wamid.IN4', 'hey'));
    const c = await conversationOf(from);
    mockServer.use(
      graphHandler(PHONE_ID, (_b, n) =>
        n === 1 ? graphError(400, 130429, 'Rate limit hit') : sentReply(from, 'wamid.R2'),
      ),
    );
    const id = await operatorMessage(admin, c.uuid, {
      type: 'text',
      content: { text: 'patience' },
    });
    await expect(sendNow(id)).rejects.toThrow(/retry/);
    const [pending] = await db.select().from(messages).where(eq(messages.uuid, id));
    expect(pending!.status).toBe('pending');
    expect(await sendNow(id)).toMatchObject({ status: 'sent', externalId: 'wamid.R2' });
  });
});
