import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plainText } from '../server/channels/plain-text';
import { db } from '../server/db/client';
import { chatbots, conversations, csatResponses, type Message } from '../server/db/schema';
import { endConversation, reopen } from '../server/services/conversations/lifecycle';
import { sendSurveyPrompt } from '../server/services/csat/prompt';
import { interactiveContent } from '../shared/flow';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { actorOf } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import {
  cloudCustomer as cloudCustomerAt,
  conversationsOf,
  endAndAsk,
  inbound,
  listReply,
  outbound,
  surveyOf,
} from './helpers/csat-whatsapp';
import { serverForThisFile } from './helpers/server';
import { pendingJobs } from './helpers/worker';
import { WAHA_URL, wahaMessage, wahaSendHandler } from './mocks/bridges';
import { mockServer } from './mocks/server';
import { textMessage } from './mocks/whatsapp-cloud';

const srv = serverForThisFile();
const cloudCustomer = (language?: 'en' | 'pt-BR' | 'es') => cloudCustomerAt(srv.url, language);

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
              { id: `csat:${conversation.uuid}:1`, title: '1 · Muito ruim' },
              { id: `csat:${conversation.uuid}:2`, title: '2 · Ruim' },
              { id: `csat:${conversation.uuid}:3`, title: '3 · Regular' },
              { id: `csat:${conversation.uuid}:4`, title: '4 · Bom' },
              { id: `csat:${conversation.uuid}:5`, title: '5 · Excelente' },
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

  it('asks nothing when the conversation was reopened before the job ran', async () => {
    const { admin, conversation } = await cloudCustomer();
    await endConversation(actorOf(admin), conversation.id);
    await reopen(actorOf(admin), conversation.id);
    expect(await sendSurveyPrompt(conversation.id)).toBe('skipped');
    expect(await outbound(conversation.id)).toEqual([]);
    // Not asked, so its next end asks.
    await endConversation(actorOf(admin), conversation.id);
    expect(await surveyOf(conversation.id)).toMatchObject({ promptMessageId: null });
    expect(await sendSurveyPrompt(conversation.id)).toBe('sent');
  });

  it('asks nothing when the survey was turned off before the job ran', async () => {
    const { admin, bot, conversation } = await cloudCustomer();
    await endConversation(actorOf(admin), conversation.id);
    await db.update(chatbots).set({ csatEnabled: false }).where(eq(chatbots.uuid, bot.id));
    expect(await sendSurveyPrompt(conversation.id)).toBe('skipped');
    expect(await outbound(conversation.id)).toEqual([]);
    expect(await surveyOf(conversation.id)).toBeUndefined();
  });

  it('records the list reply as the rating, thanks the customer, opens no conversation', async () => {
    const { admin, conversation, customer, deliver } = await cloudCustomer('es');
    await endAndAsk(admin, conversation.id);
    const row = `csat:${conversation.uuid}:4`;
    const taken = await deliver(listReply(customer, `wamid.${customer}.r1`, row, '4 · Buena'));
    expect(taken.messages).toBe(1);
    expect(await surveyOf(conversation.id)).toMatchObject({ rating: 4, comment: null });
    expect(await conversationsOf(customer)).toHaveLength(1);
    const thanks = (await outbound(conversation.id)).at(-1)!;
    expect(thanks.content).toEqual({
      text: '¡Gracias por tu valoración! Si quieres contarnos más, responde con un comentario en 15 minutos.',
    });
    // The provider delivering it again changes nothing and thanks nobody twice.
    await deliver(listReply(customer, `wamid.${customer}.r1`, row, '4 · Buena'));
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

  it('takes a list reply with no survey to answer as an ordinary message', async () => {
    const { customer, deliver } = await cloudCustomer('en');
    await deliver(listReply(customer, `wamid.${customer}.r9`, 'csat:5', '5 · Excellent'));
    const [c, ...more] = await conversationsOf(customer);
    expect(more).toEqual([]);
    expect((await inbound(c!.id)).map((m) => m.externalId)).toEqual([
      `wamid.${customer}.in1`,
      `wamid.${customer}.r9`,
    ]);
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
        // The rows' titles carry their number already: not numbered twice.
        '1 · Very poor',
        '2 · Poor',
        '3 · Okay',
        '4 · Good',
        '5 · Excellent',
      ].join('\n'),
    );
    const res = await postWebhook(srv.url, path, wahaMessage(from, 'false_q_2', ' 5 '));
    expect(res.body).toMatchObject({ messages: 1 });
    expect(await surveyOf(c!.id)).toMatchObject({ rating: 5, channel: 'WHATSAPP_QR' });
    expect(await conversationsOf(from)).toHaveLength(1);
    // Another digit is a new rating, not the comment "4"; words are the comment.
    await postWebhook(srv.url, path, wahaMessage(from, 'false_q_3', '4'));
    expect(await surveyOf(c!.id)).toMatchObject({ rating: 4, comment: null });
    await postWebhook(srv.url, path, wahaMessage(from, 'false_q_4', 'Fast, thanks'));
    expect(await surveyOf(c!.id)).toMatchObject({ rating: 4, comment: 'Fast, thanks' });
    expect(await conversationsOf(from)).toHaveLength(1);
  });

  it('still numbers options whose titles only start with a number', () => {
    const message = {
      type: 'interactive',
      content: interactiveContent('How many?', [
        { id: 'one', title: '1 item' },
        { id: 'two', title: '2. Two items' },
        { id: 'ten', title: '10 · Ten' },
      ]),
    } as unknown as Message;
    expect(plainText(message)).toBe('How many?\n1. 1 item\n2. Two items\n3. 10 · Ten');
  });
});
