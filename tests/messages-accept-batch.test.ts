import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { type Conversation, conversations, messages } from '../server/db/schema';
import { isRolledBack } from '../server/errors';
import { acceptBatchStats, acceptNamed } from '../server/services/messages/accept-batch';
import type { Accepted, NamedAccept } from '../server/services/messages/create';
import { conversationRow, inboxWorkspace, jobsFor, openConversation } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

/** A visitor's message into `c`, as POST /messages/send hands it to the batcher. */
const into = (c: Conversation, text: string): NamedAccept => ({
  workspaceId: c.workspaceId,
  chatbot: { id: c.chatbotId! },
  conversation: { uuid: c.uuid },
  externalUserId: c.externalUserId!,
  channel: c.channel!,
  widgetChatbotId: c.chatbotId,
  agentUserId: null,
  content: { text },
  metadata: {},
});

const texts = async (c: Conversation) =>
  (
    await db
      .select({ content: messages.content })
      .from(messages)
      .where(eq(messages.conversationId, c.id))
      .orderBy(messages.id)
  ).map((m) => (m.content as { text: string }).text);

const since = (before: typeof acceptBatchStats) => ({
  statements: acceptBatchStats.statements - before.statements,
  messages: acceptBatchStats.messages - before.messages,
  retriedAlone: acceptBatchStats.retriedAlone - before.retriedAlone,
});

/** A trigger that makes the insert of a message with this text fail, or wait. */
async function onInsert(text: string, action: 'refuse' | 'sleep') {
  const body =
    action === 'refuse'
      ? `raise exception 'refused by the test' using errcode = 'check_violation'`
      : 'perform pg_sleep(0.5)';
  await db.execute(
    sql.raw(`create or replace function test_on_insert() returns trigger language plpgsql as $$
      begin if new.content->>'text' = '${text}' then ${body}; end if; return new; end $$`),
  );
  await db.execute(
    sql.raw(`create or replace trigger test_on_insert before insert on messages
      for each row execute function test_on_insert()`),
  );
}

afterEach(async () => {
  await db.execute(sql`drop trigger if exists test_on_insert on messages`);
});

/**
 * Three open conversations with a first message each, and `batched`: sends issued at once
 * after two that take the free lanes alone (into a fourth conversation), so they wait and are
 * written together, 32 to a statement, each batch in the order given.
 */
async function threeConversations() {
  const ws = await inboxWorkspace({ aiEnabled: false });
  const open = () => openConversation(srv.url, ws.admin, ws.bot.id, { content: 'first' });
  const [lanes, a, b, c] = [await open(), await open(), await open(), await open()];
  const cs: [Conversation, Conversation, Conversation] = [a, b, c];
  const batched = <T>(sends: NamedAccept[], settle: (p: Promise<unknown>[]) => Promise<T>) => {
    const alone = [acceptNamed(into(lanes, 'lane 1')), acceptNamed(into(lanes, 'lane 2'))];
    const together = settle(sends.map(acceptNamed));
    return Promise.all(alone).then(() => together);
  };
  return { cs, batched };
}

describe('accepting sends together (group commit)', () => {
  it('writes concurrent sends in shared statements, each with its own result, in order', async () => {
    const { cs, batched } = await threeConversations();
    const before = { ...acceptBatchStats };
    const sends = Array.from({ length: 30 }, (_, i) => into(cs[i % 3]!, `m${i}`));
    const results = (await batched(sends, (p) => Promise.all(p))) as Accepted[];

    expect(since(before)).toEqual({ statements: 3, messages: 32, retriedAlone: 0 });
    for (const [i, r] of results.entries()) {
      const c = cs[i % 3]!;
      expect(r?.message).toMatchObject({ conversationId: c.id, content: { text: `m${i}` } });
      // Each answer carries its conversation as its own message left it: first + its place.
      expect(r?.conversation.messageCount).toBe(2 + Math.floor(i / 3));
      expect(r?.conversation.lastMessageId).toBe(r?.message.id);
    }
    for (const [k, c] of cs.entries()) {
      const expected = ['first', ...sends.filter((_, i) => i % 3 === k).map((s) => s.content.text)];
      expect(await texts(c)).toEqual(expected);
      expect(await conversationRow(c.uuid)).toMatchObject({ messageCount: 11, unreadCount: 11 });
    }
    const jobs = await jobsFor('incoming-message');
    for (const r of results) {
      expect(jobs.filter((j) => j.payload.messageId === r.message.id)).toHaveLength(1);
    }
  });

  it('declines within a batch what the general path must answer, and writes the rest', async () => {
    const { cs, batched } = await threeConversations();
    const [open, ended, other] = cs;
    await db.update(conversations).set({ status: 'ended' }).where(eq(conversations.id, ended.id));
    const sends = [into(open, 'a'), into(ended, 'b'), into(other, 'c'), into(open, 'd')];
    const results = (await batched([...sends, ...sends.slice(0, 2)], (p) => Promise.all(p))) as (
      | Accepted
      | undefined
    )[];
    expect(results.map((r) => r?.message.content)).toEqual([
      { text: 'a' },
      undefined,
      { text: 'c' },
      { text: 'd' },
      { text: 'a' },
      undefined,
    ]);
    expect(await texts(ended)).toEqual(['first']);
    expect(await texts(open)).toEqual(['first', 'a', 'd', 'a']);
    expect(await texts(other)).toEqual(['first', 'c']);
  });

  it('gives one message its own error and accepts the others of its batch alone', async () => {
    const { cs, batched } = await threeConversations();
    await onInsert('boom', 'refuse');
    const before = { ...acceptBatchStats };
    const sends = Array.from({ length: 12 }, (_, i) =>
      into(cs[i % 3]!, i === 7 ? 'boom' : `m${i}`),
    );
    const settled = await batched(sends, (p) => Promise.allSettled(p));

    expect(settled.map((s) => s.status)).toEqual(
      sends.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')),
    );
    const failure = settled[7] as PromiseRejectedResult;
    expect(isRolledBack(failure.reason)).toBe(true);
    expect(since(before).retriedAlone).toBe(12);
    for (const [k, c] of cs.entries()) {
      const mine = sends.filter((_, i) => i % 3 === k && i !== 7).map((s) => s.content.text);
      expect(await texts(c)).toEqual(['first', ...mine]);
      expect((await conversationRow(c.uuid)).messageCount).toBe(1 + mine.length);
    }
  });

  it('locks shared conversations in one order, so two batches never deadlock', async () => {
    const { cs, batched } = await threeConversations();
    const [a, b] = cs;
    await onInsert('slow', 'sleep');
    const before = { ...acceptBatchStats };
    // Two batches of 32 side by side: the first's sends alternate a, b, and its first one holds
    // a's lock for half a second; the second's alternate b, a. Written in the order given, the
    // second would lock b and wait for a, the first wait for b: a deadlock.
    const order = Array.from({ length: 64 }, (_, i) => ((i < 32 ? i : i + 1) % 2 === 0 ? a : b));
    const results = (await batched(
      order.map((c, i) => into(c, i === 0 ? 'slow' : `m${i}`)),
      (p) => Promise.all(p),
    )) as (Accepted | undefined)[];
    expect(results.every((r) => r !== undefined)).toBe(true);
    expect(since(before)).toEqual({ statements: 4, messages: 66, retriedAlone: 0 });
    expect((await conversationRow(a.uuid)).messageCount).toBe(33);
    expect((await conversationRow(b.uuid)).messageCount).toBe(33);
  });

  it('does not retry a batch whose outcome is unknown: each send gets the error', async () => {
    const { cs, batched } = await threeConversations();
    await onInsert('slow', 'sleep');
    const before = { ...acceptBatchStats };
    const sends = Array.from({ length: 6 }, (_, i) => into(cs[i % 3]!, i === 4 ? 'slow' : `m${i}`));
    const pending = batched(sends, (p) => Promise.allSettled(p));
    // The batch holding 'slow' is mid-statement: its connection is cut, as a failover would.
    let cut = false;
    for (let waited = 0; !cut && waited < 5000; waited += 20) {
      const rows = (await db.execute(sql`select pg_terminate_backend(pid) as cut
        from pg_stat_activity where query like '%accept_messages%' and state = 'active'
          and pid <> pg_backend_pid() and wait_event = 'PgSleep'`)) as unknown as {
        cut: boolean;
      }[];
      cut = rows.some((r) => r.cut);
      if (!cut) await new Promise((r) => setTimeout(r, 20));
    }
    expect(cut).toBe(true);
    const settled = await pending;
    const rejected = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    expect(rejected).toEqual([0, 1, 2, 3, 4, 5]);
    expect(since(before).retriedAlone).toBe(0);
    for (const i of rejected)
      expect(isRolledBack((settled[i] as PromiseRejectedResult).reason)).toBe(false);
    const written = (await Promise.all(cs.map(texts))).flat();
    expect(written).not.toContain('slow');
    for (const i of rejected) expect(written).not.toContain(`m${i}`);
  });
});

describe('isRolledBack', () => {
  it('is true only for errors PostgreSQL reports before any commit', () => {
    expect(isRolledBack({ code: '40P01' })).toBe(true);
    expect(isRolledBack({ code: '23505' })).toBe(true);
    expect(isRolledBack(Object.assign(new Error('wrapped'), { cause: { code: '22P05' } }))).toBe(
      true,
    );
    for (const code of ['08006', '57P01', '58030', 'XX000', 'CONNECTION_CLOSED', undefined]) {
      expect(isRolledBack({ code }), String(code)).toBe(false);
    }
    expect(isRolledBack(new Error('socket hang up'))).toBe(false);
  });
});
