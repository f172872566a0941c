import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations } from '../server/db/schema';
import { phoneFromAddress } from '../shared/phone';
import { makeContact } from './factories/contact';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { postWebhook } from './helpers/channels';
import { inboxWorkspace, sendAsCustomer } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { EVOLUTION_URL, evolutionUpsert, WAHA_URL, wahaMessage } from './mocks/bridges';
import { cloudWebhook, sign, textMessage } from './mocks/whatsapp-cloud';

const srv = serverForThisFile();

const PHONE_ID = '106540352242922';
const SECRET = 'app-secret';

describe('phoneFromAddress', () => {
  it.each([
    ['+56912345678', '+56912345678'],
    [' +56 9 1234-5678 ', '+56912345678'],
    ['56912345678', '+56912345678'],
    ['5511999990001', '+5511999990001'],
    ['5511999990010@c.us', '+5511999990010'],
    ['5511999990011@s.whatsapp.net', '+5511999990011'],
    ['14155552671', '+14155552671'],
  ])('reads %j as %j', (address, phone) => {
    expect(phoneFromAddress(address)).toBe(phone);
  });

  it.each([
    'web-3f1c9a9e-8d1b-4a8e-9f51-0c2b7d6a1e42',
    'visitor-1a2b3c4d',
    // numeric integration ids that no region dials, or too short or long for E.164
    '12345',
    '1234567',
    '15551234567',
    '1234567890123456',
    '+1234567890123456',
    // a group, a linked-device id: not a person's number
    '120363025246125486@g.us',
    '5511999990001@g.us',
    '5511999990001@lid',
    '+5511999990001@c.us',
    '',
    null,
    undefined,
  ])('does not take %j for a phone', (address) => {
    expect(phoneFromAddress(address)).toBeNull();
  });
});

/** Seed 002's contactPhone and seed 003's contact.phone_number of one conversation. */
async function phonesOf(token: string, conversationUuid: string) {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.uuid, conversationUuid));
  const inbox = await api(srv.url, 'GET', `/api/conversations/${conversationUuid}`, { token });
  const crm = await api(srv.url, 'GET', `/conversations/${row!.id}`, { token });
  expect(inbox.status).toBe(200);
  expect(crm.status).toBe(200);
  return { contactPhone: inbox.body.contactPhone, phone_number: crm.body.contact.phone_number };
}

const uuidOfConversationWith = async (externalUserId: string) => {
  const [row] = await db
    .select({ uuid: conversations.uuid })
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId));
  return row!.uuid;
};

describe('a conversation whose external user is a phone number', () => {
  it('fills the contact phone from POST /conversations and POST /messages/send (E.164)', async () => {
    const ws = await inboxWorkspace();
    const created = await api(srv.url, 'POST', '/conversations', {
      token: ws.token,
      body: { chatbotId: ws.bot.id, externalUserId: '+56912345678', channel: 'WIDGET' },
    });
    expect(created.status).toBe(201);
    expect(await phonesOf(ws.token, created.body.id)).toEqual({
      contactPhone: '+56912345678',
      phone_number: '+56912345678',
    });

    const sent = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: '5511999990001',
      channel: 'WHATSAPP_CLOUD',
    });
    expect(sent.status).toBe(202);
    expect(await phonesOf(ws.token, sent.body.data.conversation.id)).toEqual({
      contactPhone: '+5511999990001',
      phone_number: '+5511999990001',
    });
  });

  it('leaves the phone null for a visitor id and for a numeric id that is not a number', async () => {
    const ws = await inboxWorkspace();
    for (const externalUserId of ['web-3f1c9a9e-8d1b-4a8e-9f51-0c2b7d6a1e42', '15551234567']) {
      const sent = await sendAsCustomer(srv.url, ws.admin, {
        chatbotId: ws.bot.id,
        externalUserId,
      });
      expect(sent.status).toBe(202);
      expect(await phonesOf(ws.token, sent.body.data.conversation.id)).toEqual({
        contactPhone: null,
        phone_number: null,
      });
    }
  });

  it('fills it from a WhatsApp Cloud wa_id', async () => {
    const { admin } = await makeWorkspace();
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_CLOUD',
      { phoneNumberId: PHONE_ID },
      { accessToken: 'token', appSecret: SECRET, verifyToken: 'verify' },
    );
    const raw = JSON.stringify(
      cloudWebhook(PHONE_ID, textMessage('5511999990002', 'wamid.P1', 'oi')),
    );
    const res = await postWebhook(srv.url, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
      'X-Hub-Signature-256': sign(raw, SECRET),
    });
    expect(res.status).toBe(200);
    const uuid = await uuidOfConversationWith('5511999990002');
    expect(await phonesOf(await tokenFor(admin), uuid)).toEqual({
      contactPhone: '+5511999990002',
      phone_number: '+5511999990002',
    });
  });

  it.each([
    ['waha', '5511999990010@c.us', () => wahaMessage('5511999990010@c.us', 'false_p', 'oi')],
    [
      'evolution',
      '5511999990011@s.whatsapp.net',
      () => evolutionUpsert('loja', '5511999990011@s.whatsapp.net', '3EB0P', 'oi'),
    ],
  ])('fills it from a %s bridge chat id', async (provider, chatId, body) => {
    const { admin } = await makeWorkspace();
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_QR',
      provider === 'waha'
        ? { provider, baseUrl: WAHA_URL, session: 'default' }
        : { provider, baseUrl: EVOLUTION_URL, instance: 'loja' },
      { apiKey: 'bridge-key', webhookSecret: 'hook-secret' },
    );
    const path = `/webhooks/whatsapp-qr/${integration.uuid}`;
    const res = await postWebhook(srv.url, path, body(), { 'X-Webhook-Secret': 'hook-secret' });
    expect(res.status).toBe(200);
    const phone = `+${chatId.split('@')[0]}`;
    const uuid = await uuidOfConversationWith(chatId);
    expect(await phonesOf(await tokenFor(admin), uuid)).toEqual({
      contactPhone: phone,
      phone_number: phone,
    });
  });

  it('never replaces a phone an agent set, and fills one the contact lacks', async () => {
    const ws = await inboxWorkspace();
    await makeContact(ws.actor, { external_id: '+56912345678', phone_number: '5511888888888' });
    await makeContact(ws.actor, { external_id: '+56987654321', phone_number: null });
    const open = (externalUserId: string) =>
      api(srv.url, 'POST', '/conversations', {
        token: ws.token,
        body: { chatbotId: ws.bot.id, externalUserId },
      });
    const agentSet = await open('+56912345678');
    expect(agentSet.status).toBe(201);
    expect(await phonesOf(ws.token, agentSet.body.id)).toEqual({
      contactPhone: '5511888888888',
      phone_number: '5511888888888',
    });
    const lacking = await open('+56987654321');
    expect(await phonesOf(ws.token, lacking.body.id)).toEqual({
      contactPhone: '+56987654321',
      phone_number: '+56987654321',
    });
  });

  it('joins the contact that already holds the phone, even as bare digits', async () => {
    const ws = await inboxWorkspace();
    const crm = await makeContact(ws.actor, {
      external_id: 'crm-1',
      phone_number: '5511999990003',
    });
    const sent = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: '5511999990003@c.us',
      channel: 'WHATSAPP_QR',
    });
    expect(sent.status).toBe(202);
    expect(sent.body.data.conversation.contactId).toBe(crm.id);
    expect(await phonesOf(ws.token, sent.body.data.conversation.id)).toEqual({
      contactPhone: '5511999990003',
      phone_number: '5511999990003',
    });
  });

  it('keeps the phone with the first contact that has it and still accepts the message', async () => {
    const ws = await inboxWorkspace();
    const later = await makeContact(ws.actor, {
      external_id: '+5511999990004',
      phone_number: null,
    });
    const first = await makeContact(ws.actor, {
      external_id: 'crm-2',
      phone_number: '+5511999990004',
    });
    const sent = await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: '+5511999990004',
    });
    expect(sent.status).toBe(202);
    expect(sent.body.data.conversation.contactId).toBe(later.id);
    expect(await phonesOf(ws.token, sent.body.data.conversation.id)).toEqual({
      contactPhone: null,
      phone_number: null,
    });
    const held = await api(srv.url, 'GET', `/contacts/${first.id}`, { token: ws.token });
    expect(held.body.phone_number).toBe('+5511999990004');
  });
});
