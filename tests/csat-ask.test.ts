import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { chatbots, conversations, csatResponses } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { closeIdleConversations } from '../server/services/idle';
import { flowWorkspace, graphOf } from './factories/flow-run';
import { callerFor } from './helpers/auth';
import { conversationRow, inboxWorkspace, openConversation } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually, runWorker } from './helpers/worker';

// The survey is asked from one place (ask_csat_on_end, a trigger on the status becoming
// 'ended'): every way a conversation ends asks it, once.
const srv = serverForThisFile();

const surveys = async (conversationId: number) =>
  db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversationId));

let ws: Awaited<ReturnType<typeof inboxWorkspace>>;
beforeAll(async () => {
  ws = await inboxWorkspace({ aiEnabled: false });
});

describe('the survey is asked on every end', () => {
  it("an agent's end in the console (tRPC), with the assignee the rating counts for", async () => {
    const agent = await ws.member('agent', 'Rita Agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await callerFor(agent.user).conversations.takeover({ conversationId: c.uuid });
    await callerFor(agent.user).conversations.end({ conversationId: c.uuid });
    expect(await surveys(c.id)).toMatchObject([
      { userId: agent.user.id, channel: 'WIDGET', rating: null, workspaceId: ws.workspace.id },
    ]);
  });

  it("seed 002's POST /api/conversations/:id/end", async () => {
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const res = await api(srv.url, 'POST', `/api/conversations/${c.uuid}/end`, { token: ws.token });
    expect(res.status).toBe(200);
    expect(await surveys(c.id)).toHaveLength(1);
  });

  it("seed 000's PATCH /conversations/:id to closed", async () => {
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const res = await api(srv.url, 'PATCH', `/conversations/${c.uuid}`, {
      token: ws.token,
      body: { status: 'closed' },
    });
    expect(res.status).toBe(200);
    expect(await surveys(c.id)).toHaveLength(1);
  });

  it('the idle close', async () => {
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await db
      .update(conversations)
      .set({ lastActivityAt: sql`now() - interval '2 days'` })
      .where(eq(conversations.id, c.id));
    expect(await closeIdleConversations()).toBeGreaterThanOrEqual(1);
    expect(await surveys(c.id)).toHaveLength(1);
  });

  describe("a flow's end node", () => {
    let worker: WorkerHandle;
    beforeAll(async () => {
      worker = await runWorker();
    });
    afterAll(() => worker.stop());

    it('asks when the flow ends the conversation', async () => {
      const f = await flowWorkspace(
        srv.url,
        graphOf([{ id: 'bye', kind: 'end', message: 'Até logo!' }]),
      );
      const uuid = await f.say('Oi');
      const c = await eventually(async () => {
        const row = await conversationRow(uuid);
        return row.status === 'ended' ? row : null;
      });
      expect(await surveys(c.id)).toMatchObject([{ rating: null, userId: null }]);
    });
  });

  it('only once: ended again after a reopen, it is not asked again', async () => {
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const caller = callerFor(ws.admin);
    await caller.conversations.end({ conversationId: c.uuid });
    await caller.conversations.end({ conversationId: c.uuid });
    await caller.conversations.reopen({ conversationId: c.uuid });
    await caller.conversations.end({ conversationId: c.uuid });
    expect(await surveys(c.id)).toHaveLength(1);
  });

  it('not when the survey is off for the chatbot', async () => {
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await db.update(chatbots).set({ csatEnabled: false }).where(eq(chatbots.uuid, ws.bot.id));
    try {
      await callerFor(ws.admin).conversations.end({ conversationId: c.uuid });
    } finally {
      await db.update(chatbots).set({ csatEnabled: true }).where(eq(chatbots.uuid, ws.bot.id));
    }
    expect(await surveys(c.id)).toEqual([]);
  });

  it('not when the customer never wrote', async () => {
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await db
      .update(conversations)
      .set({ lastContactMessageAt: null })
      .where(eq(conversations.id, c.id));
    await callerFor(ws.admin).conversations.end({ conversationId: c.uuid });
    expect(await surveys(c.id)).toEqual([]);
  });
});
