import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations, messages } from '../server/db/schema';
import { insertMessage } from '../server/services/messages/create';
import { chosenOption, type InteractiveContent, interactiveContent } from '../shared/flow';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

const UNOFFERED = [
  "choiceId must be one of the options of the conversation's latest interactive message",
];

/** A widget visitor of a fresh chatbot, with a conversation opened by a first message. */
async function visitorWithConversation() {
  const { admin } = await makeWorkspace();
  // AI off: the test writes the bot's messages itself, as the flow engine would.
  const bot = await makeChatbot(admin, { aiEnabled: false });
  const session = await api(srv.url, 'POST', '/widget/session', {
    body: { publicKey: bot.publicKey },
  });
  const { token, externalUserId } = session.body;
  const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api(srv.url, 'POST', '/messages/send', {
      token,
      headers,
      body: { chatbotId: bot.id, externalUserId, channel: 'WIDGET', ...body },
    });
  const first = await send({ content: 'menu?' });
  expect(first.status).toBe(202);
  const conversationUuid = first.body.data.conversation.id as string;
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.uuid, conversationUuid));
  const botSays = (content: InteractiveContent | { text: string }) =>
    insertMessage(db, conversation!, {
      direction: 'outbound',
      origin: 'bot',
      type: 'type' in content ? 'interactive' : 'text',
      content,
    });
  const stored = async (uuid: string) =>
    (await db.select().from(messages).where(eq(messages.uuid, uuid)))[0]!;
  return { token, send, conversation: conversation!, conversationUuid, botSays, stored };
}

const menu = interactiveContent('What would you like?', [
  { id: 'menu', title: 'Cardápio' },
  { id: 'hours', title: 'Horários' },
]);
const pizzas = interactiveContent(
  'Pick a pizza',
  ['Margherita', 'Pepperoni', 'Calabresa', 'Quatro queijos'].map((title, i) => ({
    id: `pz-${i + 1}`,
    title,
    ...(i === 2 ? { description: 'Spicy sausage' } : {}),
  })),
  'See pizzas',
);

describe("POST /messages/send with a choice (the widget's buttons)", () => {
  it("stores a pressed button as WhatsApp's button_reply, with the id the bot offered", async () => {
    const v = await visitorWithConversation();
    await v.botSays(menu);
    const res = await v.send({
      content: 'Cardápio',
      conversationId: v.conversationUuid,
      choiceId: 'menu',
    });
    expect(res.status).toBe(202);
    // Seed 001's answer: the title as content, the reply object as payload.
    expect(res.body.data.message).toMatchObject({
      content: 'Cardápio',
      role: 'USER',
      type: 'interactive',
      payload: { type: 'button_reply', button_reply: { id: 'menu', title: 'Cardápio' } },
    });
    const row = await v.stored(res.body.data.message.id);
    expect(row).toMatchObject({ direction: 'inbound', origin: 'client', type: 'interactive' });
    expect(row.content).toEqual({
      type: 'button_reply',
      button_reply: { id: 'menu', title: 'Cardápio' },
      text: 'Cardápio',
    });
    expect(chosenOption(row.content)).toEqual({ id: 'menu', title: 'Cardápio' });
  });

  it('stores a list row as list_reply (with its description), also without a conversationId', async () => {
    const v = await visitorWithConversation();
    await v.botSays(pizzas);
    const res = await v.send({ content: 'Calabresa', choiceId: 'pz-3' });
    expect(res.status).toBe(202);
    expect(res.body.data.conversation.id).toBe(v.conversationUuid);
    const row = await v.stored(res.body.data.message.id);
    expect(row.type).toBe('interactive');
    expect(row.content).toEqual({
      type: 'list_reply',
      list_reply: { id: 'pz-3', title: 'Calabresa', description: 'Spicy sausage' },
      text: 'Calabresa',
    });
    expect(chosenOption(row.content)).toEqual({ id: 'pz-3', title: 'Calabresa' });
  });

  it('refuses an id nobody offered, or one only an older message offered, with 400 and writes nothing', async () => {
    const v = await visitorWithConversation();
    const count = async () =>
      (
        await db.select().from(messages).where(eq(messages.conversationId, v.conversation.id))
      ).filter((m) => m.direction === 'inbound').length;
    // No interactive message yet.
    const early = await v.send({ content: 'x', conversationId: v.conversationUuid, choiceId: 'x' });
    expect(early.status).toBe(400);
    expect(early.body).toEqual({ statusCode: 400, message: UNOFFERED, error: 'Bad Request' });

    await v.botSays(menu);
    await v.botSays(pizzas);
    // `menu` was offered, but the latest interactive message is the list.
    const stale = await v.send({
      content: 'Cardápio',
      conversationId: v.conversationUuid,
      choiceId: 'menu',
    });
    expect(stale.status).toBe(400);
    expect(stale.body.message).toEqual(UNOFFERED);
    const forged = await v.send({ content: 'Free pizza', choiceId: 'pz-99' });
    expect(forged.status).toBe(400);
    expect(forged.body.message).toEqual(UNOFFERED);
    expect(await count()).toBe(1);

    // A text message after the list does not withdraw it: its rows can still be chosen.
    await v.botSays({ text: 'Or just type what you want.' });
    const ok = await v.send({ content: 'Margherita', choiceId: 'pz-1' });
    expect(ok.status).toBe(202);
    expect(await count()).toBe(2);
  });

  it("validates choiceId in the contract's 400 format; sends without it are unchanged", async () => {
    const v = await visitorWithConversation();
    await v.botSays(menu);
    for (const [choiceId, message] of [
      [42, 'choiceId must be a string'],
      ['', 'choiceId should not be empty'],
      ['x'.repeat(257), 'choiceId must be shorter than or equal to 256 characters'],
    ] as const) {
      const res = await v.send({ content: 'Cardápio', choiceId });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, message: [message], error: 'Bad Request' });
    }
    // The seed's own validation is as it was, choiceId or not.
    const noContent = await v.send({ choiceId: 'menu' });
    expect(noContent.status).toBe(400);
    expect(noContent.body.message).toEqual(['content should not be empty']);
    // A typed message stays text, even while buttons are on offer.
    const typed = await v.send({ content: 'Cardápio', conversationId: v.conversationUuid });
    expect(typed.status).toBe(202);
    expect((await v.stored(typed.body.data.message.id)).content).toEqual({ text: 'Cardápio' });
  });

  it('replays a choice sent again with its Idempotency-Key, storing it once', async () => {
    const v = await visitorWithConversation();
    await v.botSays(menu);
    const body = { content: 'Horários', conversationId: v.conversationUuid, choiceId: 'hours' };
    const first = await v.send(body, { 'Idempotency-Key': 'press-1' });
    const again = await v.send(body, { 'Idempotency-Key': 'press-1' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.message.id).toBe(first.body.data.message.id);
    expect((await v.stored(first.body.data.message.id)).content).toMatchObject({
      button_reply: { id: 'hours' },
    });
  });

  it("lists a bot's interactive message with its body text as content and its options as payload", async () => {
    const v = await visitorWithConversation();
    await v.botSays(pizzas);
    const page = await api(srv.url, 'GET', `/messages/conversation/${v.conversationUuid}`, {
      token: v.token,
    });
    expect(page.status).toBe(200);
    const bot = page.body.data.find((m: { role: string }) => m.role === 'ASSISTANT');
    expect(bot).toMatchObject({
      content: 'Pick a pizza',
      type: 'interactive',
      origin: 'bot',
      payload: pizzas,
    });
  });
});
