import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { builtinResponder, notKnownText } from '../server/ai/builtin';
import { db } from '../server/db/client';
import { conversations, events, messages, workspaces } from '../server/db/schema';
import { unlockDeadWorkers } from '../server/jobs/recovery';
import { windowClosed } from '../server/jobs/tasks/window-closed';
import { loadTurnContext, withKnowledge } from '../server/services/bot-turns/context';
import { saveTurnReply } from '../server/services/bot-turns/save';
import { claimTurns } from '../server/services/bot-turns/turns';
import { closeIdleConversations } from '../server/services/idle';
import { createArticle } from '../server/services/knowledge/articles';
import { setChatbotCollections } from '../server/services/knowledge/chatbot-collections';
import { createCollection } from '../server/services/knowledge/collections';
import { indexArticle } from '../server/services/knowledge/indexing';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { whatsappLine } from './faults/line';
import { startProviders } from './faults/stand-ins';
import { actorOf, callerFor } from './helpers/auth';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';
import { eventually, pendingJobs, runWorker } from './helpers/worker';

const srv = serverForThisFile();

async function conversationOf(uuid: string) {
  const [c] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
  return c!;
}

describe('the built-in responder (no API key)', () => {
  it('greets, answers from the knowledge base, and hands off when nothing matches', async () => {
    const { admin } = await makeWorkspace();
    const created = await makeChatbot(admin);
    await callerFor(admin).chatbots.update({ id: created.id, patch: { greeting: 'Welcome!' } });
    const actor = actorOf(admin);
    const help = await createCollection(actor, { name: 'Help' });
    const prices = await createArticle(actor, {
      collectionId: help.id,
      title: 'Prices',
      body: 'Plans start at $9.90 a month.',
      language: 'en',
      status: 'published',
    });
    await indexArticle(prices.id);
    await setChatbotCollections(actor, created.id, { collectionIds: [help.id] });
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: created.id,
      externalUserId: visitor(),
      content: 'hi',
    });
    const [inbound] = await db
      .select()
      .from(messages)
      .where(eq(messages.uuid, res.body.data.message.id));
    const turnOf = { conversationId: inbound!.conversationId, messageId: inbound!.id };
    const ctx = (await loadTurnContext(turnOf))!;
    // The context says what else the turn needs to read: knowledge yes, tools not yet.
    expect(ctx.chatbotHas).toEqual({ knowledge: true, tools: false });
    await callerFor(admin).botTools.create({
      chatbotId: created.id,
      name: 'order_status',
      description: 'The status of an order.',
      parameters: { type: 'object', properties: {} },
      urlTemplate: 'https://api.example.com/orders',
      responseFields: ['status'],
    });
    expect((await loadTurnContext(turnOf))!.chatbotHas).toEqual({ knowledge: true, tools: true });
    const ask = async (content: string, firstMessage = false) =>
      builtinResponder.reply(
        await withKnowledge({
          ...ctx.request!,
          history: [{ role: 'user', content }],
          firstMessage,
        }),
      );
    expect((await ask('hello', true)).text).toBe('Welcome!');
    expect(await ask('What are your PRICES?', true)).toMatchObject({
      text: 'Welcome!\n\nPlans start at $9.90 a month.',
      toolCalls: [],
      sources: [{ articleId: prices.id, title: 'Prices' }],
    });
    expect(await ask('my tv is broken')).toMatchObject({
      text: notKnownText('en'),
      toolCalls: [{ name: 'handoff_to_human' }],
    });
  });

  it('runs end to end through the worker and hands the conversation to humans on no match', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const worker = await runWorker();
    try {
      const res = await sendAsCustomer(srv.url, admin, {
        chatbotId: bot.id,
        externalUserId: visitor(),
        content: 'my tv is broken',
      });
      const c = await conversationOf(res.body.data.conversation.id);
      const reply = await eventually(
        async () =>
          (
            await db
              .select()
              .from(messages)
              .where(and(eq(messages.conversationId, c.id), eq(messages.origin, 'bot')))
          )[0],
      );
      expect(reply.content).toEqual({ text: notKnownText('en') });
      expect((await conversationOf(c.uuid)).assignedBotId).toBeNull();
    } finally {
      await worker.stop();
    }
  });
});

describe('idempotent jobs', () => {
  it('never writes a second reply to one customer message', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
    });
    const [inbound] = await db
      .select()
      .from(messages)
      .where(eq(messages.uuid, res.body.data.message.id));
    // No worker runs in this test: the turn is claimed here, as a dispatcher would.
    const [turn] = await claimTurns('test-owner', {
      provider: 'builtin',
      providerLimit: 1000,
      chatbotLimit: 1000,
      max: 1000,
    }).then((claimed) =>
      claimed.map((c) => c.turn).filter((t) => t.conversationId === inbound!.conversationId),
    );
    const reply = { text: 'once', toolCalls: [], source: 'openai' as const };
    // A run that saved its reply and is then run again saves nothing: the turn has ended.
    const saved = await saveTurnReply(turn!, 'test-owner', reply);
    expect(saved.kind).toBe('saved');
    expect((await saveTurnReply(turn!, 'test-owner', reply)).kind).toBe('lost');
    // And the unique index holds even for a writer that skips the check.
    await expect(
      db.insert(messages).values({
        workspaceId: inbound!.workspaceId,
        conversationId: inbound!.conversationId,
        direction: 'outbound',
        origin: 'bot',
        content: { text: 'twice' },
        replyToMessageId: inbound!.id,
      }),
    ).rejects.toThrow();
    const replies = await db
      .select()
      .from(messages)
      .where(eq(messages.replyToMessageId, inbound!.id));
    expect(replies).toHaveLength(1);
  });

  it('unlocks the jobs and queues of a pool that stopped beating, never those of one that beats', async () => {
    const lockJob = async (key: string, pool: string, lockedAgo: string) => {
      await db.execute(
        sql`select graphile_worker.add_job('cleanup-auth', '{}'::json, queue_name => ${key}, job_key => ${key})`,
      );
      await db.execute(sql`update graphile_worker._private_jobs
        set locked_by = ${pool}, locked_at = now() - ${lockedAgo}::interval where key = ${key}`);
      await db.execute(sql`update graphile_worker._private_job_queues
        set locked_by = ${pool}, locked_at = now() - ${lockedAgo}::interval where queue_name = ${key}`);
    };
    const beat = (pool: string, ago: string) =>
      db.execute(
        sql`insert into worker_heartbeats (pool_id, last_seen_at) values (${pool}, now() - ${ago}::interval)`,
      );
    await lockJob('held-by-live', 'pool-live', '1 hour');
    await beat('pool-live', '1 second');
    await lockJob('held-by-dead', 'pool-dead', '1 minute');
    await beat('pool-dead', '1 minute');
    await lockJob('held-by-unknown', 'pool-crashed-before', '1 minute');
    // A pool takes its first job before its first beat is written: not dead yet.
    await lockJob('held-by-new', 'pool-new', '0 seconds');

    expect((await unlockDeadWorkers()).sort()).toEqual(['pool-crashed-before', 'pool-dead']);
    const locks = (await db.execute(sql`
      select j.key, j.locked_by as job, q.locked_by as queue
      from graphile_worker._private_jobs j
      join graphile_worker._private_job_queues q on q.id = j.job_queue_id
      where j.key like 'held-by-%' order by j.key`)) as unknown as Record<string, string | null>[];
    expect(locks).toEqual([
      { key: 'held-by-dead', job: null, queue: null },
      { key: 'held-by-live', job: 'pool-live', queue: 'pool-live' },
      { key: 'held-by-new', job: 'pool-new', queue: 'pool-new' },
      { key: 'held-by-unknown', job: null, queue: null },
    ]);
    expect(await unlockDeadWorkers()).toEqual([]);
    await db.execute(sql`delete from graphile_worker._private_jobs where key like 'held-by-%'`);
    await db.execute(sql`delete from worker_heartbeats`);
  });

  it('beats with the id its running jobs are locked with, so its own sweep leaves them alone', async () => {
    const providers = await startProviders();
    providers.hold();
    const line = await whatsappLine(srv.url, providers);
    expect(await line.customerWrites('5511999990099', 'my tv is broken')).toBe(200);
    const worker = await runWorker();
    try {
      await eventually(async () => providers.sends.inFlight() === 1);
      // A new pool may take its first job before its first beat is written (the worker's own
      // connection opens lazily), so the beat is waited for; the sweep below is what is tested.
      const held = await eventually(async () => {
        const [row] = (await db.execute(sql`
          select j.locked_by, h.pool_id from graphile_worker._private_jobs j
          join graphile_worker._private_tasks t on t.id = j.task_id
          left join worker_heartbeats h on h.pool_id = j.locked_by
          where t.identifier = 'outgoing-message'`)) as unknown as [
          { locked_by: string; pool_id: string | null },
        ];
        return row?.pool_id ? row : null;
      }, 5_000);
      expect(held.locked_by).toMatch(/^pool-/);
      expect(held.pool_id).toBe(held.locked_by);
      // Even once the lock is older than a silent pool is given.
      await db.execute(
        sql`update graphile_worker._private_jobs set locked_at = now() - interval '1 hour' where locked_by is not null`,
      );
      expect(await unlockDeadWorkers()).not.toContain(held.locked_by);
      expect(providers.sends.inFlight()).toBe(1);
      providers.release();
      await eventually(async () => (await pendingJobs('outgoing-message')) === 0);
      expect([...providers.sends.calls.values()]).toEqual([1]);
    } finally {
      providers.release();
      await worker.stop();
      await providers.close();
    }
  });
});

describe('cron', () => {
  it('ends conversations idle past the workspace limit with a closing message and an event', async () => {
    const { workspace, admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    await db
      .update(workspaces)
      .set({ idleTimeoutMinutes: 60 })
      .where(eq(workspaces.id, workspace.id));
    const stale = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
    });
    const fresh = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
    });
    const staleC = await conversationOf(stale.body.data.conversation.id);
    await db
      .update(conversations)
      .set({ lastActivityAt: sql`now() - interval '61 minutes'` })
      .where(eq(conversations.id, staleC.id));
    expect(await closeIdleConversations()).toBeGreaterThanOrEqual(1);
    expect((await conversationOf(staleC.uuid)).status).toBe('ended');
    expect((await conversationOf(fresh.body.data.conversation.id)).status).toBe('active');
    const closing = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, staleC.id), eq(messages.origin, 'system')));
    expect((closing[0]!.content as { text: string }).text).toContain('1 hour(s)');
    const ended = await db
      .select()
      .from(events)
      .where(and(eq(events.conversationId, staleC.id), eq(events.type, 'conversation:ended')));
    expect(ended).toHaveLength(1);
    expect(await closeIdleConversations()).toBe(0);
  });

  it('announces the end of a WhatsApp window when it passes, not before', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: '5511999990000',
      channel: 'WHATSAPP_CLOUD',
    });
    const c = await conversationOf(res.body.data.conversation.id);
    expect(c.cswExpiresAt!.getTime() - c.cswStartedAt!.getTime()).toBe(24 * 3600 * 1000);
    const helpers = {} as never;
    await windowClosed({ conversationId: c.id }, helpers);
    const closedEvents = () =>
      db
        .select()
        .from(events)
        .where(and(eq(events.conversationId, c.id), eq(events.type, 'conversation:window_closed')))
        .orderBy(asc(events.id));
    expect(await closedEvents()).toHaveLength(0);
    await db
      .update(conversations)
      .set({ cswExpiresAt: sql`now() - interval '1 second'` })
      .where(eq(conversations.id, c.id));
    await windowClosed({ conversationId: c.id }, helpers);
    expect(await closedEvents()).toHaveLength(1);
  });
});
