import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { db, sql as rawSql } from '../server/db/client';
import { type Conversation, conversations } from '../server/db/schema';
import { isRolledBack } from '../server/errors';
import {
  acceptBatchStats,
  acceptInGroupCommit as acceptNamed,
} from '../server/services/messages/accept-batch';
import type {
  Accepted,
  NamedConversationSend as NamedAccept,
} from '../server/services/messages/create';
import {
  botTurnOf,
  conversationRow,
  inboxWorkspace,
  messageTexts,
  openConversation,
} from './helpers/inbox';
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

const texts = (c: Conversation) => messageTexts(c.id);

/** The events' ids above `after`, in order (all of them: the hub reads every workspace's). */
const eventIdsAfter = async (after: number) =>
  (
    (await db.execute(sql`select id from events where id > ${after} order by id`)) as unknown as {
      id: number;
    }[]
  ).map((r) => r.id);

const since = (before: typeof acceptBatchStats) => ({
  statements: acceptBatchStats.statements - before.statements,
  messages: acceptBatchStats.messages - before.messages,
  retriedAlone: acceptBatchStats.retriedAlone - before.retriedAlone,
});

/** A trigger on message inserts: a message with one of these texts fails, or waits (seconds). */
async function onInsert(rules: Record<string, 'refuse' | number>) {
  const body = Object.entries(rules)
    .map(
      ([text, action]) =>
        `if new.content->>'text' = '${text}' then ${
          action === 'refuse'
            ? `raise exception 'refused by the test' using errcode = 'check_violation'`
            : `perform pg_sleep(${action})`
        }; end if;`,
    )
    .join(' ');
  await db.execute(
    sql.raw(`create or replace function test_on_insert() returns trigger language plpgsql as $$
      begin ${body} return new; end $$`),
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
  const ws = await inboxWorkspace({ aiEnabled: true });
  const open = () => openConversation(srv.url, ws.admin, ws.bot.id, { content: 'first' });
  const [lanes, a, b, c] = [await open(), await open(), await open(), await open()];
  const cs: [Conversation, Conversation, Conversation] = [a, b, c];
  const batched = <T>(sends: NamedAccept[], settle: (p: Promise<unknown>[]) => Promise<T>) => {
    const alone = [acceptNamed(into(lanes, 'lane 1')), acceptNamed(into(lanes, 'lane 2'))];
    const together = settle(sends.map(acceptNamed));
    return Promise.all(alone).then(() => together);
  };
  return { cs, lanes, batched };
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
    // Each conversation's messages joined its one bot turn, which answers the newest.
    for (const c of cs) {
      const newest = results.filter((r) => r.message.conversationId === c.id).at(-1)!;
      expect((await botTurnOf(c.id))?.messageId).toBe(newest.message.id);
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
    await onInsert({ boom: 'refuse' });
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

  it('refuses an item without every argument rather than reading it as no restriction', async () => {
    const { cs } = await threeConversations();
    const c = cs[0];
    const full = {
      workspaceId: c.workspaceId,
      chatbotId: c.chatbotId,
      chatbotUuid: null,
      conversationId: c.id,
      conversationUuid: null,
      externalUserId: c.externalUserId,
      channel: c.channel,
      widgetChatbotId: c.chatbotId,
      agentUserId: null,
      content: { text: 'complete' },
      metadata: {},
    };
    const { widgetChatbotId: _, ...lacking } = { ...full, content: { text: 'lacking' } };
    const run = (item: object) =>
      db.execute(sql`select item from accept_messages(
        ${JSON.stringify([item])}::text::jsonb, null)`);
    await expect(run(lacking)).rejects.toMatchObject({ cause: { code: '22023' } });
    expect(await run(full)).toHaveLength(1);
    expect(await texts(c)).toEqual(['first', 'complete']);
  });

  it('locks shared conversations in one order, so two batches never deadlock', async () => {
    const { cs, lanes } = await threeConversations();
    const [a, b, c] = cs;
    await onInsert({ slow: 0.05, mid: 0.03 });
    const before = { ...acceptBatchStats };
    const send = (conversation: Conversation, text: string) =>
      acceptNamed(into(conversation, text));
    // Lane 1 frees at once and takes the first batch (a, b, a, b: its first send holds a's lock
    // for 50 ms); the second batch (b, a, b, a) is queued once the first has started and starts
    // when lane 2's send is done, while the first still holds a. Written in the order given, the second would
    // hold b and wait for a, the first wait for b: a deadlock, broken by the lock wait.
    const alone = [send(lanes, 'fast'), send(c, 'mid')];
    const first = ['slow', 'b1', 'a2', 'b3'].map((t, i) => send(i % 2 ? b : a, t));
    // Issued once the first batch has started (its statement is counted as it starts).
    while (acceptBatchStats.statements < before.statements + 3) {
      await new Promise((r) => setTimeout(r, 1));
    }
    const second = ['b4', 'a5', 'b6', 'a7'].map((t, i) => send(i % 2 ? a : b, t));
    const results = await Promise.all([...alone, ...first, ...second]);
    expect(results.every((r) => r !== undefined)).toBe(true);
    expect(since(before)).toEqual({ statements: 4, messages: 10, retriedAlone: 0 });
    expect(await texts(a)).toEqual(['first', 'slow', 'a2', 'a5', 'a7']);
    expect(await texts(b)).toEqual(['first', 'b1', 'b3', 'b4', 'b6']);
  });

  it('lets sends into other conversations through while one is locked for long', async () => {
    const { cs } = await threeConversations();
    // The free conversation's id is the lower: a batch writes its messages first.
    const [free, held] = cs;
    let release = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    const holder = rawSql.begin(async (tx) => {
      await tx`select 1 from conversations where id = ${held.id} for update`;
      await released;
    });
    await new Promise((r) => setTimeout(r, 50));
    const before = { ...acceptBatchStats };
    const lastEvent = await eventIdsAfter(0);
    // f0 and h1 take the lanes alone; h2 and f1 to f3 wait, then go together, the free
    // conversation's first.
    const f0 = acceptNamed(into(free, 'f0'));
    const blocked = [acceptNamed(into(held, 'h1')), acceptNamed(into(held, 'h2'))];
    const through = await Promise.all([1, 2, 3].map((i) => acceptNamed(into(free, `f${i}`))));
    expect((await f0)?.message.content).toEqual({ text: 'f0' });
    expect(through.map((r) => r?.message.content)).toEqual([
      { text: 'f1' },
      { text: 'f2' },
      { text: 'f3' },
    ]);
    expect(await texts(held)).toEqual(['first']);
    release();
    await holder;
    const late = await Promise.all(blocked);
    expect(late.every((r) => r !== undefined)).toBe(true);
    expect((await texts(held)).sort()).toEqual(['first', 'h1', 'h2']);
    // A batch that gave up on a lock had written nothing, not even an event's id: the events'
    // ids have no hole for the realtime hubs to wait on.
    const ids = await eventIdsAfter(lastEvent.at(-1) ?? 0);
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.at(-1)! - ids[0]! + 1).toBe(ids.length);
    // At least one gave up its lane (the other may have got the lock once it was released).
    expect(since(before).retriedAlone).toBeGreaterThanOrEqual(1);
  });

  it('does not retry a batch whose outcome is unknown: each send gets the error', async () => {
    const { cs, batched } = await threeConversations();
    await onInsert({ slow: 0.5 });
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
