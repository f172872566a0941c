import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations, messages } from '../server/db/schema';
import { nextSpan } from '../server/services/messages/search-plan';
import { makeWaiting } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';

// Message search (issue 22) through the console's procedure, on a real PostgreSQL.

async function say(
  conversationId: number,
  text: string,
  origin: 'client' | 'operator' | 'bot' = 'client',
  createdAt?: Date,
) {
  const [c] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  const [m] = await db
    .insert(messages)
    .values({
      workspaceId: c!.workspaceId,
      conversationId,
      direction: origin === 'client' ? 'inbound' : 'outbound',
      origin,
      content: { text },
      ...(createdAt ? { createdAt } : {}),
    })
    .returning();
  return m!;
}

async function team() {
  const { workspace, admin } = await makeWorkspace();
  const ana = await makeUser(workspace.id, { role: 'agent', name: 'Ana Souza' });
  const bruno = await makeUser(workspace.id, { role: 'agent', name: 'Bruno Lima' });
  const [first, second] = await makeWaiting(admin, 2);
  return { admin, ana, bruno, first: first!, second: second! };
}

const texts = (page: { results: { snippet: { text: string }[] }[] }) =>
  page.results.map((r) => r.snippet.map((p) => p.text).join(''));

describe('message search', () => {
  it('finds words whatever their accents and case, and parts of words', async () => {
    const { admin, first } = await team();
    const m = await say(first, 'A AÇÃO de reembolso foi concluída');
    await say(first, 'Nothing to see here');
    const search = (query: string) => callerFor(admin).search.messages({ query });
    for (const query of ['acao', 'Ação', 'AÇAO', 'concluida', 'reemb', 'bolso']) {
      const page = await search(query);
      expect(
        page.results.map((r) => r.messageId),
        query,
      ).toEqual([m.uuid]);
    }
    const [hit] = (await search('acao')).results;
    expect(hit).toMatchObject({ conversationId: first, origin: 'client', channel: 'WIDGET' });
    expect(hit!.contactName).toMatch(/^Customer/);
    expect((await search('reembolsos')).results).toEqual([]);
  });

  it('takes letters that fold into punctuation (ʻ ʼ ŉ) as word breaks, never a syntax error', async () => {
    const { admin, first } = await team();
    const m = await say(first, 'Viagem para o Hawaiʻi em março');
    const search = (query: string) => callerFor(admin).search.messages({ query });
    expect((await search('Hawaiʻi')).results.map((r) => r.messageId)).toEqual([m.uuid]);
    for (const query of ['maʼam', 'ŉabc', 'abcːdef']) {
      await expect(search(query), query).resolves.toMatchObject({ results: [] });
    }
  });

  it('marks the matching words as parts, never as HTML', async () => {
    const { admin, first } = await team();
    await say(first, 'O <b>reembolso</b> da ação saiu <3');
    const [hit] = (await callerFor(admin).search.messages({ query: 'acao reembolso' })).results;
    expect(hit!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['reembolso', 'ação']);
    // The text as written: nothing taken for a tag is dropped.
    expect(hit!.snippet.map((p) => p.text).join('')).toBe('O <b>reembolso</b> da ação saiu <3');
    const [inside] = (await callerFor(admin).search.messages({ query: 'mbols' })).results;
    expect(inside!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['mbols']);
    const long = await say(first, `${'palavra '.repeat(60)}achado ${'fim '.repeat(80)}`);
    const [far] = (await callerFor(admin).search.messages({ query: 'achado' })).results;
    expect(far!.messageId).toBe(long.uuid);
    const shown = far!.snippet.map((p) => p.text).join('');
    expect(shown.startsWith('… palavra')).toBe(true);
    expect(shown.endsWith(' …')).toBe(true);
    expect(far!.snippet.filter((p) => p.hit)).toEqual([{ text: 'achado', hit: true }]);
  });

  it('filters by channel, status, agent and date, newest first, in pages', async () => {
    const { admin, ana, first, second } = await team();
    const old = await say(first, 'pedido atrasado', 'client', new Date('2026-01-10T10:00:00Z'));
    const mid = await say(second, 'pedido entregue', 'operator', new Date('2026-02-10T10:00:00Z'));
    const now = await say(second, 'outro pedido');
    await db
      .update(conversations)
      .set({ status: 'ended', assignedUserId: ana.id })
      .where(eq(conversations.id, second));
    const search = callerFor(admin).search.messages;
    const ids = async (input: Parameters<typeof search>[0]) =>
      (await search(input)).results.map((r) => r.messageId);
    expect(await ids({ query: 'pedido' })).toEqual([now.uuid, mid.uuid, old.uuid]);
    expect(await ids({ query: 'pedido', status: 'ended' })).toEqual([now.uuid, mid.uuid]);
    expect(await ids({ query: 'pedido', status: 'active' })).toEqual([old.uuid]);
    expect(await ids({ query: 'pedido', agentId: ana.id })).toEqual([now.uuid, mid.uuid]);
    expect(await ids({ query: 'pedido', channel: 'WHATSAPP_CLOUD' })).toEqual([]);
    expect(await ids({ query: 'pedido', channel: 'WIDGET' })).toHaveLength(3);
    expect(
      await ids({
        query: 'pedido',
        from: new Date('2026-01-01T00:00:00Z'),
        to: new Date('2026-01-31T00:00:00Z'),
      }),
    ).toEqual([old.uuid]);
    const page1 = await search({ query: 'pedido', limit: 2 });
    expect(page1.results.map((r) => r.messageId)).toEqual([now.uuid, mid.uuid]);
    const page2 = await search({ query: 'pedido', limit: 2, cursor: page1.nextCursor! });
    expect(page2).toMatchObject({ nextCursor: null });
    expect(page2.results.map((r) => r.messageId)).toEqual([old.uuid]);
  });

  it("never shows an agent a colleague's conversation, nor anyone another workspace's", async () => {
    const { admin, ana, bruno, first, second } = await team();
    await say(first, 'senha esquecida');
    await say(second, 'senha bloqueada');
    await db
      .update(conversations)
      .set({ assignedUserId: bruno.id, assignedBotId: null })
      .where(eq(conversations.id, second));
    expect(texts(await callerFor(ana).search.messages({ query: 'senha' }))).toEqual([
      'senha esquecida',
    ]);
    expect(texts(await callerFor(bruno).search.messages({ query: 'senha' }))).toHaveLength(2);
    expect(texts(await callerFor(admin).search.messages({ query: 'senha' }))).toHaveLength(2);
    const other = await makeWorkspace();
    expect((await callerFor(other.admin).search.messages({ query: 'senha' })).results).toEqual([]);
  });

  it('searches window after window of ids until the page is full, with nothing skipped', async () => {
    const { admin, first } = await team();
    // A word in 1% of 20,000 messages, in the 195 oldest and the 5 newest: rare enough to be
    // searched in windows of ids, and the page is found several windows down.
    const write = (from: number, to: number, text: string) =>
      db.execute(sql`
        insert into messages (workspace_id, conversation_id, direction, origin, content)
        select c.workspace_id, c.id, 'inbound', 'client', jsonb_build_object('text', ${text} || g)
        from conversations c, generate_series(${from}::int, ${to}::int) g where c.id = ${first}
        order by g`);
    await write(1, 195, 'pedido numero ');
    await write(1, 19_800, 'outra mensagem ');
    await write(196, 200, 'pedido numero ');
    // With statistics the word is known to be in 1% of the messages.
    await db.execute(sql`analyze messages`);
    const search = callerFor(admin).search.messages;
    const numbers = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, i) => `pedido numero ${from - i}`);
    const one = await search({ query: 'pedido' });
    expect(texts(one)).toEqual(numbers(200, 181));
    const two = await search({ query: 'pedido', limit: 50, cursor: one.nextCursor! });
    expect(texts(two)).toEqual(numbers(180, 131));
    const last = await search({ query: 'numero', limit: 50, from: new Date(0).toISOString() });
    expect(texts(last)).toEqual(numbers(200, 151));
  });

  it('sizes the next window from the matches the last one found', () => {
    // 10 found in 2,000 ids, 11 missing: 1.5 × 11 / 10 of the span.
    expect(nextSpan(2_000, 10, 11)).toBe(3_300);
    expect(nextSpan(2_000, 0, 21)).toBe(16_000);
    expect(nextSpan(50_000, 500, 1)).toBe(1_000);
  });

  it('refuses a query too short, a bad cursor and a limit past 50 with a 400', async () => {
    const { admin } = await team();
    const search = callerFor(admin).search.messages;
    for (const input of [
      { query: 'ab' },
      { query: ' a! b ' },
      { query: '' },
      { query: 'pedido', cursor: 'nonsense' },
      { query: 'pedido', limit: 51 },
      { query: 'pedido', from: 'not a date' },
    ]) {
      await expect(search(input as never), JSON.stringify(input)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    await expect(search({ query: 'ab' })).rejects.toThrow(/at least 3/);
  });
});
