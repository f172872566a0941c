import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { builtinResponder, HANDOFF_TEXT, notKnownText } from '../server/ai/builtin';
import type { ReplyRequest } from '../server/ai/responder';
import { db } from '../server/db/client';
import { type Chatbot, chatbots, conversations, messages, type User } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { withKnowledge } from '../server/services/bot-turns/context';
import { createArticle } from '../server/services/knowledge/articles';
import { setChatbotCollections } from '../server/services/knowledge/chatbot-collections';
import { createCollection } from '../server/services/knowledge/collections';
import { indexArticle } from '../server/services/knowledge/indexing';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { startTestServer, type TestServer } from './helpers/server';
import { eventually, runWorker, useOpenAI } from './helpers/worker';
import { type CapturedRequest, completion, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';

let srv: TestServer;
let worker: WorkerHandle;
beforeAll(async () => {
  srv = await startTestServer();
  worker = await runWorker();
});
afterAll(async () => {
  await worker.stop();
  await srv.close();
});
afterEach(() => useOpenAI(false));

const REFUNDS =
  'Refunds take up to 5 business days to reach the original card once the return arrives.';
const SHIPPING = 'Orders ship within 24 hours; delivery takes 2 to 4 business days in Brazil.';
const ENTREGA = 'O prazo de entrega é de 2 a 4 dias úteis depois do envio do pedido.';

/** A chatbot answering from one published collection, indexed now (as the job would). */
async function botWithKnowledge(greeting: string | null = null) {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin);
  await callerFor(admin).chatbots.update({ id: bot.id, patch: { greeting } });
  const actor = actorOf(admin);
  const collection = await createCollection(actor, { name: 'Help centre' });
  const article = async (
    title: string,
    body: string,
    language: 'en' | 'pt',
    status = 'published',
  ) => {
    const row = await createArticle(actor, {
      collectionId: collection.id,
      title,
      body,
      language,
      status: status as 'published',
    });
    await indexArticle(row.id);
    return row;
  };
  const refunds = await article('Refund policy', REFUNDS, 'en');
  const shipping = await article('Shipping times', SHIPPING, 'en');
  const entrega = await article('Prazo de entrega', ENTREGA, 'pt');
  await article('Secret roadmap', 'The refund robot launches next year.', 'en', 'draft');
  await setChatbotCollections(actor, bot.id, { collectionIds: [collection.id] });
  const [chatbot] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
  return { admin, bot, chatbot: chatbot!, refunds, shipping, entrega };
}

/** What a turn asks, with its knowledge searched as the turn's run does. */
const requestFor = (chatbot: Chatbot, content: string, firstMessage = false) =>
  withKnowledge({
    chatbot,
    history: [{ role: 'user', content }],
    variables: {},
    firstMessage,
    knowledge: [],
    answersFromKnowledge: false,
  } satisfies ReplyRequest);

const ask = async (chatbot: Chatbot, content: string, firstMessage = false) =>
  builtinResponder.reply(await requestFor(chatbot, content, firstMessage));

async function conversationOf(uuid: string) {
  const [c] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
  return c!;
}

async function botReplies(conversationId: number) {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.origin, 'bot')))
    .orderBy(asc(messages.id));
}

/** Sends a customer line and waits for the bot's `n`th reply in that conversation. */
async function customerSays(
  admin: User,
  chatbotId: string,
  user: string,
  content: string,
  n: number,
) {
  const res = await sendAsCustomer(srv.url, admin, { chatbotId, externalUserId: user, content });
  const c = await conversationOf(res.body.data.conversation.id);
  const replies = await eventually(async () => {
    const r = await botReplies(c.id);
    return r.length >= n ? r : null;
  });
  return { reply: replies[n - 1]!, conversation: await conversationOf(c.uuid) };
}

describe('the built-in responder answers from knowledge', () => {
  it('answers with the relevant passage and cites it, then small talk, then a person on request', async () => {
    const { admin, bot, refunds } = await botWithKnowledge('Welcome to Acme!');
    const user = visitor();
    const first = await customerSays(admin, bot.id, user, 'How long do refunds take?', 1);
    expect(first.reply.content).toEqual({ text: `Welcome to Acme!\n\n${REFUNDS}` });
    expect(first.reply.metadata).toMatchObject({
      responder: 'builtin',
      sources: [{ articleId: refunds.id, articleUuid: refunds.uuid, title: 'Refund policy' }],
    });
    expect(first.conversation.assignedBotId).not.toBeNull();

    // "great, thanks!" was once handed to a human.
    const thanks = await customerSays(admin, bot.id, user, 'great, thanks!', 2);
    expect((thanks.reply.content as { text: string }).text).toMatch(/welcome/i);
    expect(thanks.reply.metadata).not.toHaveProperty('sources');
    expect(thanks.conversation.assignedBotId).not.toBeNull();

    // A request for a person wins over the payment question beside it.
    const human = await customerSays(
      admin,
      bot.id,
      user,
      'I need a human please, my payment failed twice',
      3,
    );
    expect(human.reply.content).toEqual({ text: HANDOFF_TEXT });
    expect(human.conversation.assignedBotId).toBeNull();
  });

  it('says it does not know and hands off when no passage is relevant', async () => {
    const { admin, bot } = await botWithKnowledge();
    const { reply, conversation } = await customerSays(
      admin,
      bot.id,
      visitor(),
      'my tv is broken',
      1,
    );
    expect(reply.content).toEqual({ text: notKnownText('en') });
    expect(reply.metadata).not.toHaveProperty('sources');
    expect(conversation.assignedBotId).toBeNull();
  });

  it('answers in the customer’s language and never from a draft', async () => {
    const { chatbot, entrega } = await botWithKnowledge('Olá!');
    expect(await ask(chatbot, 'Qual é o prazo de entrega?')).toMatchObject({
      text: ENTREGA,
      toolCalls: [],
      sources: [{ articleId: entrega.id }],
    });
    expect(await ask(chatbot, 'oi', true)).toMatchObject({ text: 'Olá!', toolCalls: [] });
    expect((await ask(chatbot, 'Obrigado pela ajuda!')).text).toBe(
      'Por nada! Posso ajudar em mais alguma coisa?',
    );
    expect(await ask(chatbot, 'quero falar com um atendente')).toMatchObject({
      text: expect.stringMatching(/atendente/),
      toolCalls: [{ name: 'handoff_to_human' }],
    });
    expect(await ask(chatbot, 'quiero hablar con un agente')).toMatchObject({
      text: expect.stringMatching(/agente/),
      toolCalls: [{ name: 'handoff_to_human' }],
    });
    // Only the draft speaks of a refund robot.
    const robot = await requestFor(chatbot, 'refund robot launch');
    expect(robot.knowledge.map((p) => p.title)).not.toContain('Secret roadmap');
  });

  it('searches nothing for small talk or a request for a person', async () => {
    const { chatbot } = await botWithKnowledge();
    expect((await requestFor(chatbot, 'thanks, bye!')).knowledge).toEqual([]);
    expect((await requestFor(chatbot, 'refunds? I need a human')).knowledge).toEqual([]);
    const question = await requestFor(chatbot, 'how long do refunds take');
    expect(question.answersFromKnowledge).toBe(true);
    expect(question.knowledge[0]).toMatchObject({ title: 'Refund policy', relevant: true });
  });
  it('answers in the customer’s language when the same topic ranks first in another', async () => {
    const { chatbot } = await botWithKnowledge();
    const passage = (articleId: number, language: string, score: number, relevant: boolean) => ({
      articleId,
      articleUuid: `uuid-${articleId}`,
      title: `Article ${articleId}`,
      text: `Passage in ${language}`,
      language,
      score,
      relevant,
    });
    const asking = (content: string, knowledge: ReturnType<typeof passage>[]) =>
      builtinResponder.reply({
        chatbot,
        history: [{ role: 'user', content }],
        variables: {},
        firstMessage: false,
        knowledge,
        answersFromKnowledge: true,
      });
    const spanishFirst = [passage(1, 'es', 0.6, true), passage(2, 'pt', 0.45, false)];
    expect(await asking('tem desconto pagando o ano todo de uma vez?', spanishFirst)).toMatchObject(
      {
        text: 'Passage in pt',
        sources: [{ articleId: 2 }],
      },
    );
    // Far below it, the customer's language is another topic: the relevant one answers.
    const onlyEnglish = [passage(1, 'en', 0.9, true), passage(2, 'pt', 0.2, false)];
    expect(await asking('quanto custa o plano anual?', onlyEnglish)).toMatchObject({
      text: 'Passage in en',
      sources: [{ articleId: 1 }],
    });
  });
});

describe('the OpenAI responder answers from knowledge', () => {
  it('gets the passages with their sources and the rule, and cites what it used', async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(
      openaiHandler(
        () => completion('Refunds reach your card within 5 business days [1].'),
        captured,
      ),
    );
    const { admin, bot, refunds } = await botWithKnowledge();
    const { reply } = await customerSays(
      admin,
      bot.id,
      visitor(),
      'how long do refunds take to ship back?',
      1,
    );
    const system = String(captured[0]!.messages[0]!.content);
    expect(system).toContain(`[1] Refund policy: ${REFUNDS}`);
    expect(system).toContain(`Shipping times: ${SHIPPING}`);
    expect(system).toMatch(/only from the knowledge passages/);
    expect(system).toMatch(/say that you do not know and call handoff_to_human/);
    // The customer never sees the passage numbers; agents see the source.
    expect(reply.content).toEqual({ text: 'Refunds reach your card within 5 business days.' });
    expect(reply.metadata).toMatchObject({
      responder: 'openai',
      sources: [{ articleId: refunds.id, articleUuid: refunds.uuid, title: 'Refund policy' }],
    });
  });

  it('cites every passage it was given when it names none, and none when it hands off', async () => {
    useOpenAI(true);
    const { chatbot } = await botWithKnowledge();
    const answers = [
      completion('Refunds take 5 business days and orders ship within 24 hours.'),
      completion("I don't know that.", [
        { name: 'handoff_to_human', arguments: { reason: 'unknown' } },
      ]),
    ];
    mockServer.use(openaiHandler((_body, call) => answers[call - 1]!));
    const { openaiResponder } = await import('../server/ai/openai');
    const responder = openaiResponder();
    const request = await requestFor(chatbot, 'refunds and shipping times?');
    const given = [...new Set(request.knowledge.map((p) => p.articleId))];
    expect(given.length).toBeGreaterThanOrEqual(2);
    const all = await responder.reply(request);
    expect(all.sources?.map((s) => s.articleId)).toEqual(given);
    const handedOff = await responder.reply(request);
    expect(handedOff.sources).toBeUndefined();
  });

  it('tells the model nothing matched when the chatbot has knowledge but no passage fits', async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(openaiHandler(() => completion('I do not know.'), captured));
    const { chatbot } = await botWithKnowledge();
    const { openaiResponder } = await import('../server/ai/openai');
    await openaiResponder().reply(await requestFor(chatbot, 'zzzz qqqq'));
    expect(String(captured[0]!.messages[0]!.content)).toMatch(/none matched this question/);
  });

  it('hands a request for a person off before calling the model', async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(openaiHandler(() => completion('Our refunds take 5 days.'), captured));
    const { admin, bot } = await botWithKnowledge();
    const { reply, conversation } = await customerSays(
      admin,
      bot.id,
      visitor(),
      'quero falar com um atendente, meu reembolso não chegou',
      1,
    );
    expect((reply.content as { text: string }).text).toMatch(/atendente/);
    expect(conversation.assignedBotId).toBeNull();
    expect(captured).toHaveLength(0);
  });
});
