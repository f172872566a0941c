import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db, sql } from '../server/db/client';
import { conversations } from '../server/db/schema';
import type { HubEvent } from '../server/realtime/event-reads';
import { hub } from '../server/realtime/hub';
import { appendEvent, appendEvents, EVENTS_CHANNEL } from '../server/services/events';
import { writeMessage } from '../server/services/messages/create';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();

let unsubscribe = () => {};
afterEach(() => unsubscribe());

/** What the hub hands its subscribers for one workspace, from now on. */
function received(workspaceId: number): HubEvent[] {
  const seen: HubEvent[] = [];
  unsubscribe = hub.subscribe((e) => {
    if (e.workspaceId === workspaceId && !e.signal) seen.push(e);
  });
  return seen;
}

/** A customer's conversation, through the real API: its row and the agent-facing user. */
async function conversation() {
  const { workspace, admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled: false });
  const res = await sendAsCustomer(srv.url, admin, {
    chatbotId: bot.id,
    externalUserId: visitor(),
  });
  const [row] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.uuid, res.body.data.conversation.id));
  // The hub past the events the setup wrote (the conversation, its first message): on a busy
  // machine their announcements could otherwise reach a subscription made after this returns.
  const [written] = await sql<{ last: string }[]>`
    select coalesce(max(id), 0)::text as last from events where workspace_id = ${workspace.id}`;
  await eventually(async () => hub.position >= Number(written!.last));
  return { workspace, admin, conversation: row! };
}

describe('event announcements', () => {
  it('carry their events to the hub, which dispatches them without reading the outbox', async () => {
    const { workspace, conversation: c } = await conversation();
    await eventually(async () => hub.position > 0);
    const seen = received(workspace.id);
    const reads = hub.outboxReads;
    const ids: number[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(
        await appendEvent(db, {
          workspaceId: workspace.id,
          type: 'conversation:updated',
          conversationId: c.id,
          payload: { n: i },
        }),
      );
    await eventually(async () => seen.length === 20);
    expect(seen.map((e) => e.id)).toEqual(ids);
    expect(seen[0]).toMatchObject({ conversation: { uuid: c.uuid }, payload: { n: 0 } });
    expect(hub.outboxReads).toBe(reads);
  });

  it('carry the conversation as the transaction leaves it, not as it was when the event was written', async () => {
    const { workspace, admin, conversation: c } = await conversation();
    const seen = received(workspace.id);
    await db.transaction(async (tx) => {
      await appendEvent(tx, {
        workspaceId: workspace.id,
        type: 'conversation:updated',
        conversationId: c.id,
      });
      await tx
        .update(conversations)
        .set({ assignedUserId: admin.id, assignedBotId: null })
        .where(eq(conversations.id, c.id));
    });
    await eventually(async () => seen.length === 1);
    expect(seen[0]!.conversation).toMatchObject({ assignedUserId: admin.id, assignedBotId: null });
  });

  it('name a message too large for a notification by id, and the hub reads it', async () => {
    const { workspace, conversation: c } = await conversation();
    const seen = received(workspace.id);
    const reads = hub.outboxReads;
    const text = 'long '.repeat(2_000); // 10,000 characters: past the 8,000-byte payload
    await db.transaction((tx) =>
      writeMessage(tx, c, { direction: 'outbound', origin: 'operator', content: { text } }),
    );
    await eventually(async () => seen.some((e) => e.type === 'message:created'));
    const created = seen.find((e) => e.type === 'message:created')!;
    expect(created.message?.content).toEqual({ text });
    expect(hub.outboxReads).toBeGreaterThan(reads);
  });

  it('of events written in bulk is one, and the hub reads them all once, in order', async () => {
    const { workspace, conversation: c } = await conversation();
    const seen = received(workspace.id);
    const announcements: string[] = [];
    const listening = await sql.listen(EVENTS_CHANNEL, (payload) => {
      const mine = payload.startsWith('{')
        ? (JSON.parse(payload) as { workspace_id: number }).workspace_id === workspace.id
        : payload.startsWith(`${workspace.id}:`);
      if (mine) announcements.push(payload);
    });
    await appendEvents(
      db,
      Array.from({ length: 50 }, (_, n) => ({
        workspaceId: workspace.id,
        type: 'conversation:updated' as const,
        conversationId: c.id,
        payload: { n },
      })),
    );
    await eventually(async () => seen.length === 50);
    expect(seen.map((e) => e.payload.n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    await eventually(async () => announcements.length > 0);
    // One announcement, by the last id (inbox.bulk_events), not one per event besides it.
    expect(announcements).toEqual([expect.stringMatching(new RegExp(`^${workspace.id}:\\d+:$`))]);
    await listening.unlisten();
  });
});
