import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { chatbots, conversations, csatResponses, messages, type User } from '../server/db/schema';
import { endConversation } from '../server/services/conversations/lifecycle';
import { sendSurveyPrompt } from '../server/services/csat/prompt';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { actorOf } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import { serverForThisFile } from './helpers/server';
import { pendingJobs } from './helpers/worker';
import { WAHA_URL, wahaMessage, wahaSendHandler } from './mocks/bridges';
import { mockServer } from './mocks/server';
import { cloudWebhook, graphHandler, sentReply, sign, textMessage } from './mocks/whatsapp-cloud';

const srv = serverForThisFile();

const SECRET = 'app-secret-csat';
const PHONE_ID = '106540352242977';
let customers = 0;

/** A list reply in Meta's shape: the row the customer tapped. */
const listReply = (from: string, wamid: string, id: string, title: string) => ({
  contacts: [{ profile: { name: 'Maria Santos' }, wa_id: from }],
  messages: [
    {
      from,
      id: wamid,
      timestamp: String(Math.floor(Date.now() / 1000)),
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id, title } },
    },
  ],
});

/** A Cloud customer who wrote in (the window is open), their conversation and the Graph API. */
async function cloudCustomer(language: 'en' | 'pt-BR' | 'es' = 'pt-BR') {
  const customer = `55119777766${String(++customers).padStart(2, '0')}`;
  const { admin } = await makeWorkspace();
  const { integration, bot } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId: PHONE_ID },
    { accessToken: 'EAAG-token', appSecret: SECRET, verifyToken: 'verify' },
  );
  await db.update(chatbots).set({ language }).where(eq(chatbots.uuid, bot.id));
  const deliver = async (value: Record<string, unknown>) => {
    const raw = JSON.stringify(cloudWebhook(PHONE_ID, value));
    const res = await postWebhook(srv.url, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
      'X-Hub-Signature-256': sign(raw, SECRET),
    });
    expect(res.status).toBe(200);
    return res.body as { messages: number };
  };
  await deliver(textMessage(customer, `wamid.${customer}.in1`, 'Oi, meu pedido atrasou'));
  const captured: Record<string, unknown>[] = [];
  mockServer.use(
    graphHandler(PHONE_ID, (_b, n) => sentReply(customer, `wamid.${customer}.out${n}`), captured),
  );
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, customer));
  return { admin, customer, conversation: conversation!, deliver, captured };
}

const surveyOf = async (conversationId: number) =>
  (
    await db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversationId))
  )[0];

const conversationsOf = (externalUserId: string) =>
  db.select().from(conversations).where(eq(conversations.externalUserId, externalUserId));

const outbound = (conversationId: number) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'outbound')))
    .orderBy(asc(messages.id));

/** Ends the conversation and runs the survey's job as the worker would; sends what it wrote. */
async function endAndAsk(admin: User, conversationId: number) {
  await endConversation(actorOf(admin), conversationId);
  expect(await sendSurveyPrompt(conversationId)).toBe('sent');
  const [prompt] = (await outbound(conversationId)).slice(-1);
  return sendNow(prompt!.uuid);
}

describe('CSAT on WhatsApp Cloud', () => {
  it("sends a list of five ratings in the chatbot's language while the window is open", async () => {
    const { admin, conversation, captured, customer } = await cloudCustomer('pt-BR');
    await endConversation(actorOf(admin), conversation.id);
    expect(await surveyOf(conversation.id)).toMatchObject({
      rating: null,
      channel: 'WHATSAPP_CLOUD',
      promptMessageId: null,
    });
    expect(await pendingJobs('csat-prompt')).toBeGreaterThan(0);
    expect(await sendSurveyPrompt(conversation.id)).toBe('sent');
    // Once: the job run again sends nothing more.
    expect(await sendSurveyPrompt(conversation.id)).toBe('skipped');
    const written = await outbound(conversation.id);
    expect(written).toHaveLength(1);
    const sent = await sendNow(written[0]!.uuid);
    expect(sent).toMatchObject({ status: 'sent', origin: 'system', type: 'interactive' });
    expect((await surveyOf(conversation.id))!.promptMessageId).toBe(sent.id);
    expect(captured).toHaveLength(1);
    expect(captured[0]).toMatchObject({ to: customer, type: 'interactive' });
    expect(captured[0]!.interactive).toEqual({
      type: 'list',
      body: {
        text: 'Como você avalia o atendimento? Escolha de 1 (muito ruim) a 5 (excelente).',
      },
      action: {
        button: 'Avaliar',
        sections: [
          {
            rows: [
              { id: 'csat:1', title: '1 · Muito ruim' },
              { id: 'csat:2', title: '2 · Ruim' },
              { id: 'csat:3', title: '3 · Regular' },
              { id: 'csat:4', title: '4 · Bom' },
              { id: 'csat:5', title: '5 · Excelente' },
            ],
          },
        ],
      },
    });
  });

  it('asks nothing when the window has closed', async () => {
    const { admin, conversation } = await cloudCustomer();
    const before = await pendingJobs('csat-prompt');
    await db
      .update(conversations)
      .set({ cswExpiresAt: sql`now() - interval '1 minute'` })
      .where(eq(conversations.id, conversation.id));
    await endConversation(actorOf(admin), conversation.id);
    expect(await surveyOf(conversation.id)).toBeUndefined();
    expect(await pendingJobs('csat-prompt')).toBe(before);
    expect(await outbound(conversation.id)).toEqual([]);
  });

  it('records the list reply as the rating, thanks the customer, opens no conversation', async () => {
    const { admin, conversation, customer, deliver } = await cloudCustomer('es');
    await endAndAsk(admin, conversation.id);
    const taken = await deliver(listReply(customer, `wamid.${customer}.r1`, 'csat:4', '4 · Buena'));
    expect(taken.messages).toBe(1);
    expect(await surveyOf(conversation.id)).toMatchObject({ rating: 4, comment: null });
    expect(await conversationsOf(customer)).toHaveLength(1);
    const thanks = (await outbound(conversation.id)).at(-1)!;
    expect(thanks.content).toEqual({
      text: '¡Gracias por tu valoración! Si quieres contarnos más, responde con un comentario en 15 minutos.',
    });
    // The provider delivering it again changes nothing and thanks nobody twice.
    await deliver(listReply(customer, `wamid.${customer}.r1`, 'csat:4', '4 · Buena'));
    expect(await outbound(conversation.id)).toHaveLength(2);

    // The next text within 15 minutes is the comment, not a new conversation.
    await deliver(textMessage(customer, `wamid.${customer}.c1`, 'Muy rápido, gracias'));
    expect(await surveyOf(conversation.id)).toMatchObject({
      rating: 4,
      comment: 'Muy rápido, gracias',
    });
    expect(await conversationsOf(customer)).toHaveLength(1);
    expect((await outbound(conversation.id)).at(-1)!.content).toEqual({
      text: 'Gracias, recibimos tu comentario.',
    });

    // Anything after that is a new conversation, as always.
    await deliver(textMessage(customer, `wamid.${customer}.n1`, 'Otra pregunta'));
    const all = await conversationsOf(customer);
    expect(all).toHaveLength(2);
  });

  it('takes no comment once 15 minutes have passed: the text opens a new conversation', async () => {
    const { admin, conversation, customer, deliver } = await cloudCustomer('en');
    await endAndAsk(admin, conversation.id);
    await deliver(listReply(customer, `wamid.${customer}.r1`, 'csat:2', '2 · Poor'));
    await db
      .update(csatResponses)
      .set({ answeredAt: sql`now() - interval '16 minutes'` })
      .where(eq(csatResponses.conversationId, conversation.id));
    await deliver(textMessage(customer, `wamid.${customer}.t1`, 'Hello again'));
    expect(await surveyOf(conversation.id)).toMatchObject({ rating: 2, comment: null });
    expect(await conversationsOf(customer)).toHaveLength(2);
  });

  it('drops a list reply with no survey to take it instead of opening a conversation', async () => {
    const { customer, deliver } = await cloudCustomer('en');
    await deliver(listReply(customer, `wamid.${customer}.r9`, 'csat:5', '5 · Excellent'));
    const [c] = await conversationsOf(customer);
    const inbound = await db.select().from(messages).where(eq(messages.conversationId, c!.id));
    expect(inbound.map((m) => m.content)).toEqual([{ text: 'Oi, meu pedido atrasou' }]);
  });
});

describe('CSAT on a QR bridge (WAHA)', () => {
  it('sends the list as numbered lines and takes a digit as the rating', async () => {
    const { admin } = await makeWorkspace();
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_QR',
      { provider: 'waha', baseUrl: WAHA_URL, session: 'default' },
      { apiKey: 'bridge-key', webhookSecret: 'hook-secret' },
    );
    const path = `/webhooks/whatsapp-qr/${integration.uuid}?secret=hook-secret`;
    const from = '5511999990077@c.us';
    expect((await postWebhook(srv.url, path, wahaMessage(from, 'false_q_1', 'oi'))).status).toBe(
      200,
    );
    const [c] = await conversationsOf(from);
    const captured: { body: Record<string, unknown>; apiKey: string | null }[] = [];
    mockServer.use(wahaSendHandler(captured));
    await endAndAsk(admin, c!.id);
    expect(captured[0]!.body.text).toBe(
      [
        'How would you rate the help you got? Choose from 1 (very poor) to 5 (excellent).',
        '1. 1 · Very poor',
        '2. 2 · Poor',
        '3. 3 · Okay',
        '4. 4 · Good',
        '5. 5 · Excellent',
      ].join('\n'),
    );
    const res = await postWebhook(srv.url, path, wahaMessage(from, 'false_q_2', ' 5 '));
    expect(res.body).toMatchObject({ messages: 1 });
    expect(await surveyOf(c!.id)).toMatchObject({ rating: 5, channel: 'WHATSAPP_QR' });
    expect(await conversationsOf(from)).toHaveLength(1);
  });
});
