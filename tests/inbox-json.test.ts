import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, sql } from '../server/db/client';
import { messages } from '../server/db/schema';
import { messageText } from '../shared/message-text';
import { conversationRow, inboxWorkspace, openConversation } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

describe('the seed-002 list serialized by PostgreSQL', () => {
  it('writes texts and times exactly as the server does in JavaScript', async () => {
    const contents: Record<string, unknown>[] = [
      { text: 'Olá' },
      { text: 'x'.repeat(300) },
      { type: 'button', body: { text: 'Pick one' }, action: {} },
      { body: 'not an object', caption: 'A photo' },
      { body: { text: 7 }, name: 'invoice.pdf' },
      { text: null, caption: ['no'], name: 'fallback' },
      { url: 'https://example.test/a.png' },
      { text: 'quote " backslash \\ newline \n tab \t emoji 🍕' },
    ];
    const times = [
      '2025-12-03T10:30:00Z',
      '2025-12-03T10:30:00.123999Z',
      '1999-01-01T23:59:59.999999+03:00',
      '2030-06-15T00:00:00.0005Z',
    ];
    const texts = (await sql`
      select message_text(c) as text
      from jsonb_array_elements(${JSON.stringify(contents)}::jsonb) with ordinality as u(c, i)
      order by i`) as { text: string }[];
    expect(texts.map((r) => r.text)).toEqual(contents.map(messageText));
    // The app's client hands drizzle a timestamptz as PostgreSQL's text, which drizzle turns
    // into a Date (to the millisecond): what every other response of the API shows.
    const stamps = (await sql`
      select iso_time(t::timestamptz) as text, t::timestamptz as decoded
      from jsonb_array_elements_text(${JSON.stringify(times)}::jsonb) with ordinality as u(t, i)
      order by i`) as { text: string; decoded: string }[];
    expect(stamps.map((r) => r.text)).toEqual(stamps.map((r) => new Date(r.decoded).toISOString()));
    expect(stamps[1]!.text).toBe('2025-12-03T10:30:00.123Z');
  });

  it('answers the same page as the rows read back through drizzle', async () => {
    const ws = await inboxWorkspace();
    const a = await openConversation(srv.url, ws.admin, ws.bot.id, { content: 'first' });
    const b = await openConversation(srv.url, ws.admin, ws.bot.id, { content: 'second' });
    const list = await api(srv.url, 'GET', '/api/conversations?limit=1', { token: ws.token });
    expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const row = await conversationRow(b.uuid);
    const [lastMessage] = await db
      .select()
      .from(messages)
      .where(eq(messages.id, row.lastMessageId!));
    expect(list.body.conversations).toEqual([
      expect.objectContaining({
        id: b.uuid,
        lastMessage: {
          text: 'second',
          direction: 'inbound',
          createdAt: lastMessage!.createdAt.toISOString(),
        },
        createdAt: row.createdAt.toISOString(),
      }),
    ]);
    const next = await api(
      srv.url,
      'GET',
      `/api/conversations?limit=1&cursor=${list.body.nextCursor}`,
      {
        token: ws.token,
      },
    );
    expect(next.body.conversations.map((x: { id: string }) => x.id)).toEqual([a.uuid]);
    expect(next.body.nextCursor).toBeNull();
  });
});
