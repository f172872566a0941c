import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db, sql } from '../server/db/client';
import { conversations, events } from '../server/db/schema';
import type { HubEvent } from '../server/realtime/event-reads';
import { hub } from '../server/realtime/hub';
import { inboxWorkspace, openConversation } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();
let unsubscribe = () => {};
afterEach(() => unsubscribe());

/**
 * The events these tests write: the hub may still be passing on the conversation's own
 * (created, its first message) when a test starts listening.
 */
const ours = (e: HubEvent) => e.type === 'typing' || e.type.startsWith('test:');

function hear() {
  const heard: HubEvent[] = [];
  unsubscribe = hub.subscribe((e) => heard.push(e));
  return heard;
}

describe('signals: the bot typing, announced without being stored', () => {
  it('reaches subscribers after the events before it, with the fields access is decided on', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const [row] = await db.select().from(conversations).where(eq(conversations.id, c.id));
    const heard = hear();
    // One transaction writes an event and then announces typing: the event comes first.
    await sql.begin(async (tx) => {
      await tx`select append_event(${ws.workspace.id}, 'test:before', ${c.id}, '{}'::jsonb)`;
      await tx`select announce_typing(${c.id}::int, true)`;
    });
    await eventually(async () => heard.some((e) => e.type === 'typing'));
    const mine = heard.filter((e) => e.conversationId === c.id && ours(e));
    expect(mine.map((e) => e.type)).toEqual(['test:before', 'typing']);
    expect(mine[1]).toMatchObject({
      signal: true,
      workspaceId: ws.workspace.id,
      payload: { isTyping: true, origin: 'bot' },
      conversation: {
        uuid: row!.uuid,
        kind: 'customer',
        assignedUserId: row!.assignedUserId,
        assignedBotId: row!.assignedBotId,
        chatbotId: row!.chatbotId,
        externalUserId: row!.externalUserId,
      },
    });
    expect(
      (await db.select().from(events).where(eq(events.conversationId, c.id))).map((e) => e.type),
    ).not.toContain('typing');
  });

  it('waits for an event still being written before it, then follows it', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const heard = hear();
    let commit = () => {};
    const open = new Promise<void>((r) => {
      commit = r;
    });
    let written = () => {};
    const wrote = new Promise<void>((r) => {
      written = r;
    });
    const slow = sql.begin(async (tx) => {
      await tx`select append_event(${ws.workspace.id}, 'test:slow', ${c.id}, '{}'::jsonb)`;
      written();
      await open;
    });
    await wrote;
    // Announced (and committed) while the earlier event's transaction is still open.
    await sql`select announce_typing(${c.id}::int, false)`;
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.filter((e) => e.conversationId === c.id && ours(e))).toEqual([]);
    commit();
    await slow;
    await eventually(async () => heard.some((e) => e.type === 'typing'));
    expect(heard.filter((e) => e.conversationId === c.id && ours(e)).map((e) => e.type)).toEqual([
      'test:slow',
      'typing',
    ]);
  });
});
