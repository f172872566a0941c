import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { contacts, messages } from '../server/db/schema';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { postWebhook } from './helpers/channels';
import { captureLogLines } from './helpers/logs';
import { serverForThisFile } from './helpers/server';
import { evolutionUpsert, wahaMessage } from './mocks/bridges';
import { cloudWebhook, textMessage } from './mocks/whatsapp-cloud';

const srv = serverForThisFile();
const logLines = captureLogLines();

const SECRET = 'app-secret-123';
const PHONE_ID = '106540352242922';

async function cloud() {
  const { admin, workspace } = await makeWorkspace();
  const { integration } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId: PHONE_ID },
    { accessToken: 'EAAG-token', appSecret: SECRET, verifyToken: 'verify-me' },
  );
  const path = `/webhooks/whatsapp-cloud/${integration.uuid}`;
  /** Signed as Meta signs: the exact bytes. */
  const deliver = async (raw: string | Buffer) => {
    const res = await fetch(srv.url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`,
      },
      body: raw as BodyInit,
    });
    return { status: res.status, body: await res.json() };
  };
  const written = async () => ({
    messages: (await db.select().from(messages).where(eq(messages.integrationId, integration.id)))
      .length,
    contacts: (await db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id)))
      .length,
  });
  return { admin, path, deliver, written };
}

const value = (v: Record<string, unknown>) => JSON.stringify(cloudWebhook(PHONE_ID, v));
const errorsLogged = () => logLines.filter((l) => /"level":50/.test(l));

describe('signed webhook deliveries that carry nothing usable', () => {
  it('answers Meta 200 with what was ignored, writes nothing and logs no error', async () => {
    const { deliver, written } = await cloud();
    const cases: [string | Buffer, number][] = [
      ['null', 0],
      ['"text"', 0],
      ['not json at all', 0],
      ['{"entry":{}}', 0],
      ['{"entry":[{"changes":{}}]}', 0],
      ['{"entry":[null,{"changes":[{"value":5}]}]}', 0],
      [value({ messages: [{}] }), 1],
      [value({ messages: [null, 5, 'x', []] }), 0],
      [value({ messages: [{ id: 'wamid.X', from: 5511, type: 'text', text: { body: 'hi' } }] }), 1],
      [value(textMessage('1'.repeat(100), 'wamid.LONG', 'hi')), 1],
      [value(textMessage('5511', '', 'hi')), 1],
      [value({ statuses: [{ id: 'wamid.S', status: 'exploded' }, { status: 'read' }] }), 2],
      [value({ statuses: { id: 'wamid.S' } }), 0],
      [value({ contacts: 'x', messages: 'y', statuses: 7 }), 0],
      [`{"entry":${'['.repeat(5000)}${']'.repeat(5000)}}`, 0],
      [value(textMessage('5511', 'wamid.Half', 'lone \ud800')), 0],
      [Buffer.from([0x7b, 0xff, 0x7d]), 0],
    ];
    for (const [i, [raw, ignored]] of cases.entries()) {
      const res = await deliver(raw);
      const label = `case ${i}`;
      expect({ label, status: res.status, body: res.body }).toEqual({
        label,
        status: 200,
        body: { received: true, messages: 0, statuses: 0, ignored },
      });
    }
    expect(await written()).toEqual({ messages: 0, contacts: 0 });
    expect(errorsLogged()).toEqual([]);
  });

  it('keeps the usable messages of a delivery and ignores the rest; a bad signature is still 401', async () => {
    const { deliver, written, path } = await cloud();
    const good = textMessage('5511999990001', 'wamid.GOOD', 'Oi');
    const bad = { ...good.messages[0]!, id: 'wamid.BAD', from: '9'.repeat(60) };
    const raw = value({ ...good, messages: [...good.messages, bad] });
    const res = await deliver(raw);
    expect(res.body).toEqual({ received: true, messages: 1, statuses: 0, ignored: 1 });
    expect(await written()).toEqual({ messages: 1, contacts: 1 });
    expect((await postWebhook(srv.url, path, 'null')).status).toBe(401);
    expect(
      (await postWebhook(srv.url, path, 'null', { 'X-Hub-Signature-256': 'sha256=00' })).status,
    ).toBe(401);
  });

  it('does the same for the QR-code bridges (WAHA and Evolution)', async () => {
    for (const provider of ['waha', 'evolution'] as const) {
      const { admin, workspace } = await makeWorkspace();
      const { integration } = await makeWhatsappIntegration(
        admin,
        'WHATSAPP_QR',
        { provider, baseUrl: 'http://bridge.test', instance: 'main' },
        { apiKey: 'bridge-key', webhookSecret: 'hook-secret' },
      );
      const path = `/webhooks/whatsapp-qr/${integration.uuid}`;
      const send = (body: unknown) =>
        postWebhook(srv.url, path, body, { 'X-Webhook-Secret': 'hook-secret' });
      const waha = wahaMessage('5511999990002@c.us', 'false_1', 'oi');
      const evolution = evolutionUpsert('main', '5511999990002@s.whatsapp.net', 'EV1', 'oi');
      const bodies =
        provider === 'waha'
          ? [
              'null',
              { event: 'message', payload: null },
              { event: 'message', payload: { ...waha.payload, from: 5511 } },
              { event: 'message', payload: { ...waha.payload, from: `${'1'.repeat(60)}@c.us` } },
              { event: 'message', payload: { ...waha.payload, id: 7 } },
              { event: 'message.ack', payload: { id: 'x', ack: 'read' } },
            ]
          : [
              'null',
              { event: 42, data: evolution.data },
              { ...evolution, data: 'x' },
              { ...evolution, data: { ...evolution.data, key: { remoteJid: 55, id: 'EV2' } } },
              {
                ...evolution,
                data: { ...evolution.data, key: { remoteJid: `${'1'.repeat(60)}@lid`, id: 'E3' } },
              },
              { ...evolution, data: { ...evolution.data, message: 'text' } },
              { event: 'messages.update', data: { keyId: 'EV1', status: { x: 1 } } },
            ];
      for (const body of bodies) {
        const res = await send(body);
        expect({ provider, body, status: res.status }).toEqual({ provider, body, status: 200 });
        expect(res.body).toMatchObject({ received: true, messages: 0, statuses: 0 });
      }
      const stored = await db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id));
      expect(stored).toEqual([]);
    }
    expect(errorsLogged()).toEqual([]);
  });
});
