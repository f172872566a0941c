import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { framesFor } from '../server/contracts/chatbot-platform/gateway-subscriber';
import { db } from '../server/db/client';
import { events, handoffSummaries, messages } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { enqueueJob } from '../server/queue/enqueue';
import { loadEvents } from '../server/realtime/event-reads';
import { kindOf, visitorSays, widgetVisitor, workspaceWithKnowledge } from './copilot/setup';
import { makeUser } from './factories/user';
import { callerFor, tokenFor } from './helpers/auth';
import { api, startTestServer, type TestServer } from './helpers/server';
import { eventually, pendingJobs, runWorker, useOpenAI } from './helpers/worker';
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

// Words no reply, greeting or handoff text contains, so finding them anywhere is the leak.
const SUMMARY = 'Zebracorn summary: customer wants a person about double charge on order 77.';
const LEAK = /zebracorn/i;

/**
 * A bot conversation in which the customer asks for a person: the bot hands it over. `opening`
 * is what the customer said first, if anything.
 */
async function handedOff(opening: string | null = 'I was charged twice for order 77') {
  const setup = await workspaceWithKnowledge(true);
  const visitor = await widgetVisitor(srv.url, setup.bot.publicKey);
  if (opening) await visitorSays(srv.url, visitor, setup.bot.id, opening);
  const conversation = await visitorSays(
    srv.url,
    visitor,
    setup.bot.id,
    'I need a human please, my payment failed twice',
  );
  await eventually(async () => {
    const [row] = await db
      .select()
      .from(events)
      .where(
        and(eq(events.conversationId, conversation.id), eq(events.type, 'conversation:handoff')),
      );
    return row;
  });
  return { ...setup, visitor, conversation };
}

/** The model as msw: the bot's own turns get a short answer, summaries get SUMMARY. */
function modelAnswering(captured: CapturedRequest[]) {
  mockServer.use(
    openaiHandler(
      (body) => completion(kindOf(body) === 'summary' ? SUMMARY : 'Let me check that for you.'),
      captured,
    ),
  );
}

const summariesOf = (conversationId: number) =>
  db.select().from(handoffSummaries).where(eq(handoffSummaries.conversationId, conversationId));

describe('the handoff summary', () => {
  it('is written once for the agents, and no customer-facing exit carries it', async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    modelAnswering(captured);
    const { admin, workspace, visitor, conversation } = await handedOff();

    const [summary] = await eventually(async () => {
      const rows = await summariesOf(conversation.id);
      return rows.length ? rows : null;
    });
    expect(summary).toMatchObject({ text: SUMMARY, model: 'gpt-4o-mini' });
    const asked = captured.filter((b) => kindOf(b) === 'summary');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.messages[1]!.content).toContain('Customer: I was charged twice for order 77');

    // The agents' streams hear of it (no text in the event: they read it with the access rule).
    const [announced] = await db
      .select()
      .from(events)
      .where(
        and(eq(events.conversationId, conversation.id), eq(events.type, 'conversation:updated')),
      );
    expect(announced!.payload).toEqual({ change: 'handoff_summary' });
    const agent = await makeUser(workspace.id, { role: 'agent' });
    expect(
      await callerFor(agent).copilot.handoffSummary({ conversationId: conversation.uuid }),
    ).toEqual({
      text: SUMMARY,
      model: 'gpt-4o-mini',
      handoffAt: summary!.handoffAt.toISOString(),
      createdAt: summary!.createdAt.toISOString(),
    });

    // Once: the job again (a retry, a second enqueue) writes nothing and asks no model.
    await enqueueJob(db, 'handoff-summary', { conversationId: conversation.id });
    await eventually(async () => (await pendingJobs('handoff-summary')) === 0);
    expect(await summariesOf(conversation.id)).toHaveLength(1);
    expect(captured.filter((b) => kindOf(b) === 'summary')).toHaveLength(1);

    // Never a message, and absent from what customers and integrators read.
    const texts = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversation.id));
    expect(JSON.stringify(texts)).not.toMatch(LEAK);
    const adminToken = await tokenFor(admin);
    const c = conversation.uuid;
    const reads = [
      { token: visitor.token, path: `/messages/conversation/${c}` },
      { token: adminToken, path: `/messages/conversation/${c}` },
      { token: adminToken, path: `/conversations/${c}` },
      { token: adminToken, path: '/conversations?page=1&limit=50' },
      { token: adminToken, path: `/api/conversations/${c}` },
      { token: adminToken, path: `/api/conversations/${c}/variables` },
      { token: adminToken, path: '/api/conversations' },
    ];
    for (const { token, path } of reads) {
      const res = await api(srv.url, 'GET', path, { token });
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(res.body), path).not.toMatch(LEAK);
    }
    // The widget's socket gets frames for messages, statuses and typing only.
    const frames = (await loadEvents(0, { conversationId: conversation.id })).flatMap((e) =>
      framesFor(e, c),
    );
    expect(frames.length).toBeGreaterThan(0);
    expect(JSON.stringify(frames)).not.toMatch(LEAK);
  });

  it('is not written for a conversation of one customer line, and no model is asked', async () => {
    useOpenAI(true);
    const captured: CapturedRequest[] = [];
    modelAnswering(captured);
    const { conversation } = await handedOff(null);
    await eventually(async () => (await pendingJobs('handoff-summary')) === 0);
    expect(await summariesOf(conversation.id)).toEqual([]);
    expect(captured).toEqual([]);
  });

  it('is not written without an API key, and the job ends', async () => {
    useOpenAI(false);
    const captured: CapturedRequest[] = [];
    modelAnswering(captured);
    const { conversation } = await handedOff();
    await eventually(async () => (await pendingJobs('handoff-summary')) === 0);
    expect(await summariesOf(conversation.id)).toEqual([]);
    expect(captured).toEqual([]);
  });
});
