import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_MODEL_REASON } from '../server/services/copilot/availability';
import {
  kindOf,
  REFUNDS,
  visitorSays,
  widgetVisitor,
  workspaceWithKnowledge,
  writtenFor,
} from './copilot/setup';
import { makeUser } from './factories/user';
import { callerFor } from './helpers/auth';
import { startTestServer, type TestServer } from './helpers/server';
import { pendingJobs, useOpenAI } from './helpers/worker';
import { type CapturedRequest, completion, openaiError, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());
afterEach(() => useOpenAI(false));

const DRAFT = 'Your refund reaches your card within 5 business days of the return arriving.';
const SUMMARY = 'Customer asks when the refund of order 1234 reaches the card; agent greeted.';

/**
 * A conversation a human handles: the customer asked, an agent (Ana) answered, the customer
 * asked about refunds. The chatbot's AI is off, so nothing answers it but people.
 */
async function humanConversation() {
  const setup = await workspaceWithKnowledge(false);
  const agent = await makeUser(setup.workspace.id, { role: 'agent', name: 'Ana Souza' });
  const visitor = await widgetVisitor(srv.url, setup.bot.publicKey);
  let c = await visitorSays(srv.url, visitor, setup.bot.id, 'Hi, my order 1234 came broken');
  await callerFor(agent).conversations.sendMessage({
    conversationId: c.id,
    message: { type: 'text', content: { text: 'Sorry to hear that! Please send it back.' } },
  });
  c = await visitorSays(srv.url, visitor, setup.bot.id, 'ok, and how long do refunds take?');
  return { ...setup, agent, conversation: c };
}

/** The code and message of a procedure's refusal. */
async function refusal(call: Promise<unknown>) {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return { code: (err as TRPCError).code, message: (err as TRPCError).message };
}

describe('copilot.suggestReply', () => {
  it('drafts from the knowledge passage and the history, and sends and stores nothing', async () => {
    const { agent, conversation, refunds } = await humanConversation();
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(openaiHandler(() => completion(DRAFT), captured));
    const before = await writtenFor(conversation.id);
    const jobsBefore = await pendingJobs();

    const draft = await callerFor(agent).copilot.suggestReply({
      conversationId: conversation.uuid,
    });

    expect(draft).toEqual({
      text: DRAFT,
      model: 'gpt-4o-mini',
      sources: [{ articleId: refunds.id, articleUuid: refunds.uuid, title: 'Refund policy' }],
    });
    expect(captured).toHaveLength(1);
    expect(kindOf(captured[0]!)).toBe('draft');
    const [system, user] = captured[0]!.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain(`[1] Refund policy: ${REFUNDS}`);
    // The history as the bot's model reads it: customer lines and the agent's, named.
    expect(user!.content).toContain('Customer: Hi, my order 1234 came broken');
    expect(user!.content).toContain('Agent (Ana_Souza): Sorry to hear that! Please send it back.');
    expect(user!.content).toContain('Customer: ok, and how long do refunds take?');
    // Answered to the agent alone: no message, no event, no job.
    expect(await writtenFor(conversation.id)).toEqual(before);
    expect(await pendingJobs()).toBe(jobsBefore);
  });

  it('says why when the provider refuses, without its words', async () => {
    const { agent, conversation } = await humanConversation();
    useOpenAI(true);
    mockServer.use(openaiHandler(() => openaiError(500, 'upstream exploded, account acct_42')));
    const err = await refusal(
      callerFor(agent).copilot.suggestReply({ conversationId: conversation.id }),
    );
    expect(err.code).toBe('BAD_GATEWAY');
    expect(err.message).toBe('The model did not answer the draft request.');
  });
});

describe('copilot.summarize', () => {
  it('summarizes the conversation for the agent and stores nothing', async () => {
    const { agent, conversation } = await humanConversation();
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(openaiHandler(() => completion(SUMMARY), captured));
    const before = await writtenFor(conversation.id);

    const summary = await callerFor(agent).copilot.summarize({ conversationId: conversation.id });

    expect(summary).toEqual({ text: SUMMARY, model: 'gpt-4o-mini' });
    expect(kindOf(captured[0]!)).toBe('summary');
    expect(captured[0]!.messages[1]!.content).toContain('Customer: Hi, my order 1234 came broken');
    expect(await writtenFor(conversation.id)).toEqual(before);
  });
});

describe('who may use the copilot', () => {
  it("answers NOT_FOUND for another workspace's conversation and a colleague's, before any model call", async () => {
    const { agent, conversation } = await humanConversation();
    const other = await humanConversation();
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    mockServer.use(openaiHandler(() => completion(DRAFT), captured));
    const stranger = callerFor(other.agent).copilot;
    for (const call of [
      () => stranger.suggestReply({ conversationId: conversation.id }),
      () => stranger.summarize({ conversationId: conversation.uuid }),
      () => stranger.handoffSummary({ conversationId: conversation.id }),
    ])
      expect((await refusal(call())).code).toBe('NOT_FOUND');

    // Assigned to Ana, the conversation is no longer a colleague's to read.
    await callerFor(agent).conversations.assign({
      conversationId: conversation.id,
      userId: agent.id,
    });
    const colleague = await makeUser(conversation.workspaceId, { role: 'agent' });
    expect(
      (
        await refusal(
          callerFor(colleague).copilot.suggestReply({ conversationId: conversation.id }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(captured).toHaveLength(0);
    // A supervisor may, as everywhere in the inbox.
    const supervisor = await makeUser(conversation.workspaceId, { role: 'supervisor' });
    await expect(
      callerFor(supervisor).copilot.suggestReply({ conversationId: conversation.id }),
    ).resolves.toMatchObject({ text: DRAFT });
  });
});

describe('without an API key', () => {
  it('refuses with the reason, and the status says it', async () => {
    const { agent, conversation } = await humanConversation();
    useOpenAI(false);
    const copilot = callerFor(agent).copilot;
    expect(await copilot.status()).toEqual({ available: false, reason: NO_MODEL_REASON });
    for (const call of [
      () => copilot.suggestReply({ conversationId: conversation.id }),
      () => copilot.summarize({ conversationId: conversation.id }),
    ])
      expect(await refusal(call())).toEqual({
        code: 'PRECONDITION_FAILED',
        message: NO_MODEL_REASON,
      });
    expect(NO_MODEL_REASON).toMatch(/OPENAI_API_KEY/);

    useOpenAI(true);
    expect(await copilot.status()).toEqual({ available: true, reason: null });
  });
});
