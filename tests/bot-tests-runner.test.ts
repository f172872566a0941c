import { eq, sql } from 'drizzle-orm';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { chatbots, flows } from '../server/db/schema';
import { createCase } from '../server/services/bot-tests/cases';
import type { CreateCaseInput, Expectation } from '../server/services/bot-tests/definitions';
import { runSuite } from '../server/services/bot-tests/runs';
import { makeChatbot } from './factories/chatbot';
import { type NodeInput, saveFlow } from './factories/flow';
import { linkCollections, makeArticle, makeCollection } from './factories/knowledge';
import { makeWorkspace } from './factories/workspace';
import { actorOf } from './helpers/auth';
import { useOpenAI } from './helpers/worker';
import { completion, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';

// The test runner (issue 21): cases against a chatbot's draft in the sandbox, their pass and
// fail paths for every expectation kind, and the inbox left exactly as it was.

afterEach(() => useOpenAI(false));

/** seed 002's pizzeria, small: a choice, a typed name, an HTTP lookup, a handoff or an end. */
const pizzeria: NodeInput[] = [
  {
    id: 'greeting',
    kind: 'ask',
    prompt: 'Olá! Como posso ajudar?',
    variable: 'opcao',
    input: 'choice',
    choices: [
      { id: '1', title: 'Cardápio' },
      { id: '2', title: 'Horários' },
    ],
    next: 'route',
  },
  {
    id: 'route',
    kind: 'condition',
    branches: [
      { when: { on: 'variable', variable: 'opcao', op: 'equals', value: '2' }, next: 'hours' },
    ],
    otherwise: 'ask-name',
  },
  { id: 'hours', kind: 'end', message: 'Abrimos todos os dias, das 18h às 23h.' },
  {
    id: 'ask-name',
    kind: 'ask',
    prompt: 'Cardápio: Margherita, Calabresa. Qual é o seu nome?',
    variable: 'nome',
    input: 'text',
    next: 'lookup',
  },
  {
    id: 'lookup',
    kind: 'http',
    method: 'GET',
    url: 'https://api.pizzeria.example/customers/{{nome}}',
    save: [{ variable: 'nivel', path: 'level' }],
    next: 'known',
    onError: 'payment',
  },
  {
    id: 'known',
    kind: 'message',
    content: { type: 'text', text: 'Cliente {{nivel}}!' },
    next: 'payment',
  },
  { id: 'payment', kind: 'handoff', reason: 'Pagamento', message: 'Obrigado, {{nome}}!' },
];

async function flowBot() {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled: false });
  await saveFlow(admin, bot.id, pizzeria);
  return { admin, actor: actorOf(admin), bot };
}

const scripted = (
  name: string,
  turns: ({ text: string } | { choice: string })[],
  expectations: Expectation[],
  allowHttp = false,
): CreateCaseInput => ({ name, script: { kind: 'scripted', turns }, expectations, allowHttp });

/** Rows the inbox is made of: a sandboxed run must leave every count as it was. */
async function inboxCounts() {
  const [row] = (await db.execute(sql`select
      (select count(*) from conversations)::int as conversations,
      (select count(*) from messages)::int as messages,
      (select count(*) from events)::int as events,
      (select count(*) from conversation_variables)::int as variables,
      (select count(*) from bot_turns)::int as turns,
      (select count(*) from graphile_worker.jobs)::int as jobs`)) as unknown as Record<
    string,
    number
  >[];
  return row!;
}

describe('a flow chatbot in the sandbox', () => {
  it('passes a case whose expectations hold and fails one that does not, each with its message', async () => {
    const { actor, bot } = await flowBot();
    let lookups = 0;
    mockServer.use(
      http.get('https://api.pizzeria.example/customers/:name', () => {
        lookups++;
        return HttpResponse.json({ level: 'ouro' });
      }),
    );
    const good = await createCase(
      actor,
      bot.id,
      scripted(
        'orders a pizza',
        [{ text: 'oi' }, { choice: '1' }, { text: 'João' }],
        [
          { kind: 'reply_contains', text: 'como posso ajudar', turn: 1 },
          { kind: 'reply_contains', text: 'Cardápio', turn: 2 },
          { kind: 'reply_not_contains', text: 'Cliente ouro' },
          { kind: 'variable_equals', key: 'nome', value: 'João' },
          { kind: 'variable_equals', key: 'opcao', value: '1' },
          { kind: 'reached_node', nodeId: 'ask-name' },
          { kind: 'reached_node', nodeId: 'payment' },
          { kind: 'handed_off', value: true },
          { kind: 'max_turns', n: 3 },
        ],
      ),
    );
    const bad = await createCase(
      actor,
      bot.id,
      scripted(
        'asks the hours',
        [{ text: 'oi' }, { text: 'Horários' }, { text: 'obrigado' }],
        [
          { kind: 'reply_contains', text: 'Cardápio', turn: 2 },
          { kind: 'reply_not_contains', text: '18h' },
          { kind: 'variable_equals', key: 'opcao', value: '1' },
          { kind: 'variable_equals', key: 'nome', value: 'João' },
          { kind: 'reached_node', nodeId: 'payment' },
          { kind: 'handed_off', value: true },
          { kind: 'cited_article', article: 'horarios' },
          { kind: 'max_turns', n: 1 },
          { kind: 'reply_contains', text: 'x', turn: 5 },
          { kind: 'judge', criterion: 'The bot is polite' },
        ],
      ),
    );

    const { results, run } = await runSuite(actor, bot.id, undefined);
    expect(run).toMatchObject({ passed: 1, failed: 1, errored: 0, skipped: 0 });
    const [passed, failed] = results;
    expect(passed).toMatchObject({ caseId: good.id, status: 'passed', failures: [] });
    // The HTTP node was not called (the case does not allow it): the flow took its error branch.
    expect(lookups).toBe(0);
    expect(passed!.transcript).toContainEqual(
      expect.objectContaining({
        from: 'sandbox',
        text: expect.stringMatching(/HTTP node lookup not called/),
      }),
    );
    expect(passed!.transcript).toContainEqual(
      expect.objectContaining({ from: 'customer', turn: 2, choice: '1', text: 'Cardápio' }),
    );
    expect(passed!.transcript).toContainEqual(
      expect.objectContaining({ from: 'bot', turn: 3, text: 'Obrigado, João!' }),
    );

    expect(failed).toMatchObject({ caseId: bad.id, status: 'failed' });
    expect(failed!.failures.map((f) => (f as { message: string }).message)).toEqual([
      "turn 2: the reply does not contain 'Cardápio'",
      "a reply contains '18h': 'Abrimos todos os dias, das 18h às 23h.'",
      "variable opcao is '2', expected '1'",
      "variable nome was never set, expected 'João'",
      'the flow never reached node payment (it stopped at: greeting, hours)',
      'the bot did not hand off',
      'article horarios was not cited (no reply cited an article)',
      'the conversation took 2 turns, at most 1 expected',
      'turn 5: the bot did not answer it (the conversation had 2 turns)',
    ]);
    // Without a model the judged expectation is skipped with its reason, never passed.
    expect(failed!.skips).toEqual([
      {
        expectation: { kind: 'judge', criterion: 'The bot is polite' },
        message: 'not judged: no model is configured (OPENAI_API_KEY)',
      },
    ]);
    // The turn after the end is the customer's alone.
    expect(failed!.transcript.at(-1)).toMatchObject({ from: 'sandbox', turn: 3 });
  });

  it('calls the HTTP node only when the case allows it', async () => {
    const { actor, bot } = await flowBot();
    let lookups = 0;
    mockServer.use(
      http.get('https://api.pizzeria.example/customers/:name', ({ params }) => {
        lookups++;
        return HttpResponse.json({
          level: params.name === 'Jo%C3%A3o' || params.name === 'João' ? 'ouro' : '?',
        });
      }),
    );
    await createCase(
      actor,
      bot.id,
      scripted(
        'a known customer',
        [{ text: 'oi' }, { choice: '1' }, { text: 'João' }],
        [{ kind: 'variable_equals', key: 'nivel', value: 'ouro' }],
        true,
      ),
    );
    const { results } = await runSuite(actor, bot.id, undefined);
    // The sandbox resolves the host like a custom tool does: a host with no address fails the
    // call, so the case passes only where the test machine resolves it; either way it is called
    // through the same guard, and the transcript says what happened.
    expect(results[0]!.transcript).toContainEqual(
      expect.objectContaining({
        from: 'sandbox',
        text: expect.stringMatching(/HTTP node lookup called/),
      }),
    );
    expect(lookups).toBeLessThanOrEqual(1);
  });

  it('leaves no trace in the inbox', async () => {
    const { actor, bot } = await flowBot();
    await createCase(
      actor,
      bot.id,
      scripted(
        'walks the flow',
        [{ text: 'oi' }, { choice: '1' }, { text: 'Ana' }],
        [{ kind: 'handed_off', value: true }],
      ),
    );
    const before = await inboxCounts();
    const { run } = await runSuite(actor, bot.id, undefined);
    expect(run.passed).toBe(1);
    expect(await inboxCounts()).toEqual(before);
    // Nor is the draft published by a run.
    const [row] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
    const [flow] = await db.select().from(flows).where(eq(flows.chatbotId, row!.id));
    expect(flow!.publishedVersionId).toBeNull();
  });
});

describe('a knowledge chatbot in the sandbox', () => {
  it('cites an article by slug or uuid with the built-in responder, and hands off on request', async () => {
    const { admin } = await makeWorkspace();
    const actor = actorOf(admin);
    const bot = await makeChatbot(admin);
    const [row] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
    const collection = await makeCollection(actor);
    const article = await makeArticle(actor, {
      collectionId: collection.id,
      title: 'Refund policy',
      body: 'Refunds take up to 5 business days to reach the original card once the return arrives.',
    });
    await linkCollections(actor, row!.id, [collection.id]);
    await createCase(
      actor,
      bot.id,
      scripted(
        'refunds',
        [{ text: 'How long do refunds take?' }],
        [
          { kind: 'cited_article', article: article.slug },
          { kind: 'cited_article', article: article.uuid },
          { kind: 'reply_contains', text: '5 business days' },
          { kind: 'handed_off', value: false },
        ],
      ),
    );
    await createCase(
      actor,
      bot.id,
      scripted(
        'a person',
        [{ text: 'I want to talk to a human' }],
        [{ kind: 'handed_off', value: false }],
      ),
    );
    const { results } = await runSuite(actor, bot.id, undefined);
    expect(results[0]).toMatchObject({ status: 'passed', failures: [] });
    expect(results[1]).toMatchObject({
      status: 'failed',
      failures: [{ message: 'the bot handed off: The customer asked for a person' }],
    });
  });

  it('runs a simulated customer and a judge with the model, and skips them without one', async () => {
    const { admin } = await makeWorkspace();
    const actor = actorOf(admin);
    const bot = await makeChatbot(admin);
    await createCase(actor, bot.id, {
      name: 'simulated',
      script: {
        kind: 'simulated',
        persona: 'A hurried parent',
        goal: 'Know the opening hours',
        maxTurns: 3,
      },
      expectations: [
        { kind: 'judge', criterion: 'The bot answered the opening hours' },
        { kind: 'max_turns', n: 2 },
      ],
    });
    const skipped = await runSuite(actor, bot.id, undefined);
    expect(skipped.results[0]).toMatchObject({
      status: 'skipped',
      error: 'Simulated customer not run: no model is configured (OPENAI_API_KEY)',
    });

    useOpenAI(true);
    mockServer.use(
      openaiHandler((body) => {
        const system = body.messages[0]?.content ?? '';
        if (system.startsWith('You play a customer'))
          return completion(
            body.messages[1]?.content?.includes('Bot:') ? '[DONE]' : 'When are you open?',
          );
        if (system.startsWith('You judge'))
          return completion('{"pass": true, "reason": "It gave the hours."}');
        return completion('We are open from 9am to 6pm.');
      }),
    );
    const judged = await runSuite(actor, bot.id, undefined);
    expect(judged.results[0]).toMatchObject({ status: 'passed', failures: [], skips: [] });
    expect(judged.results[0]!.transcript.map((e) => [e.from, e.text])).toEqual([
      ['customer', 'When are you open?'],
      ['bot', 'We are open from 9am to 6pm.'],
    ]);
  });
});
