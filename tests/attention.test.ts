import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations } from '../server/db/schema';
import { makeWaiting } from './factories/conversation';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { inboxWorkspace, openConversation, sendAsCustomer } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';

// users.attention: the counts behind the console's badges and tab title (issue 23).

const srv = serverForThisFile();

describe('users.attention', () => {
  it("counts the caller's own unread conversations, never a colleague's read", async () => {
    const ws = await inboxWorkspace();
    const ana = await ws.member('agent');
    const bruno = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    await callerFor(ana.user).conversations.takeover({ conversationId: c.id });
    const attention = (u: typeof ana) => callerFor(u.user).users.attention();
    expect(await attention(ana)).toMatchObject({ mine: 0, waiting: 0 });

    await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: c.externalUserId!,
      content: 'Are you there?',
    });
    expect(await attention(ana)).toEqual({
      mine: 1,
      waiting: 0,
      views: { mine: 1, unassigned: 0, bots: 0, all: null },
    });
    // Bruno may not act on Ana's conversation; his counts are his own.
    expect(await attention(bruno)).toMatchObject({ mine: 0, waiting: 0, views: { mine: 0 } });
    expect((await callerFor(ws.admin).users.attention()).views).toMatchObject({ all: 1, mine: 0 });
    // A supervisor reading it leaves Ana's badge.
    const sup = await ws.member('supervisor');
    await callerFor(sup.user).conversations.read({ conversationId: c.id });
    expect((await attention(ana)).mine).toBe(1);
    await callerFor(ana.user).conversations.read({ conversationId: c.id });
    expect((await attention(ana)).mine).toBe(0);
  });

  it('counts the conversations waiting for a person, not snoozed ones nor other workspaces', async () => {
    const { admin } = await makeWorkspace();
    const [first] = await makeWaiting(admin, 3);
    expect((await callerFor(admin).users.attention()).waiting).toBe(3);
    await db
      .update(conversations)
      .set({ snoozedUntil: new Date(Date.now() + 3_600_000) })
      .where(eq(conversations.id, first!));
    expect((await callerFor(admin).users.attention()).waiting).toBe(2);
    expect((await callerFor(admin).users.attention()).views).toEqual({
      mine: 0,
      unassigned: 2,
      bots: 0,
      all: 2,
    });
    const other = await makeWorkspace();
    expect(await callerFor(other.admin).users.attention()).toEqual({
      mine: 0,
      waiting: 0,
      views: { mine: 0, unassigned: 0, bots: 0, all: 0 },
    });
  });

  it("gives a waiting conversation's unread messages to each agent who has not read them", async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const ana = await ws.member('agent');
    const bruno = await ws.member('agent');
    const c = await openConversation(srv.url, ws.admin, ws.bot.id, { content: 'Hello?' });
    await sendAsCustomer(srv.url, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: c.externalUserId!,
      content: 'Anyone there?',
    });
    const unreadFor = async (u: typeof ana) => {
      const page = await callerFor(u.user).conversations.list({ unassignment: true });
      return page.data.find((row) => row.id === c.id)?.my_unread_count;
    };
    expect(await unreadFor(ana)).toBe(2);
    expect(await unreadFor(bruno)).toBe(2);
    // Ana reads it: her count only.
    await callerFor(ana.user).conversations.read({ conversationId: c.id });
    expect(await unreadFor(ana)).toBe(0);
    expect(await unreadFor(bruno)).toBe(2);
  });
});
