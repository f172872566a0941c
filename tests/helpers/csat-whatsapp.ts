import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { db } from '../../server/db/client';
import {
  chatbots,
  conversations,
  csatResponses,
  messages,
  type User,
} from '../../server/db/schema';
import { endConversation } from '../../server/services/conversations/lifecycle';
import { sendSurveyPrompt } from '../../server/services/csat/prompt';
import { makeWhatsappIntegration } from '../factories/integration';
import { makeWorkspace } from '../factories/workspace';
import { mockServer } from '../mocks/server';
import { cloudWebhook, graphHandler, sentReply, sign, textMessage } from '../mocks/whatsapp-cloud';
import { actorOf } from './auth';
import { postWebhook, sendNow } from './channels';

/** What the CSAT over WhatsApp tests share: a Cloud customer, the survey's rows, its job. */

const SECRET = 'app-secret-csat';
const PHONE_ID = '106540352242977';
let customers = 0;

/** A list reply in Meta's shape: the row the customer tapped. */
export const listReply = (from: string, wamid: string, id: string, title: string) => ({
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
export async function cloudCustomer(serverUrl: string, language: 'en' | 'pt-BR' | 'es' = 'pt-BR') {
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
    const res = await postWebhook(serverUrl, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
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
  return { admin, bot, customer, conversation: conversation!, deliver, captured };
}

export const surveyOf = async (conversationId: number) =>
  (
    await db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversationId))
  )[0];

export const conversationsOf = (externalUserId: string) =>
  db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId))
    .orderBy(asc(conversations.id));

export const outbound = (conversationId: number) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'outbound')))
    .orderBy(asc(messages.id));

export const inbound = (conversationId: number) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'inbound')))
    .orderBy(asc(messages.id));

/** Ends the conversation and runs the survey's job as the worker would; sends what it wrote. */
export async function endAndAsk(admin: User, conversationId: number) {
  await endConversation(actorOf(admin), conversationId);
  expect(await sendSurveyPrompt(conversationId)).toBe('sent');
  const [prompt] = (await outbound(conversationId)).slice(-1);
  return sendNow(prompt!.uuid);
}
