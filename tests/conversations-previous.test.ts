import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations } from '../server/db/schema';
import { makeContact } from './factories/contact';
import { makeConversation } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';

async function conversationOf(
  workspaceId: number,
  contactId: number,
  values: Partial<typeof conversations.$inferInsert> & { daysAgo: number },
) {
  const { daysAgo, ...rest } = values;
  const row = await makeConversation(workspaceId, contactId);
  await db
    .update(conversations)
    .set({ ...rest, createdAt: sql`now() - make_interval(days => ${daysAgo})` })
    .where(eq(conversations.id, row.id));
  return row.id;
}

describe('previous conversations', () => {
  it('lists the contact’s other conversations, newest first, only those the agent may open', async () => {
    const { workspace, admin } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const colleague = await makeUser(workspace.id);
    const contact = await makeContact(actorOf(admin), { name: 'Ana' });
    const other = await makeContact(actorOf(admin));
    const current = await conversationOf(workspace.id, contact.id, { daysAgo: 0 });
    const ended = await conversationOf(workspace.id, contact.id, {
      daysAgo: 3,
      status: 'ended',
      channel: 'WIDGET',
      lastMessagePreview: 'Thanks, that solved it',
    });
    const mine = await conversationOf(workspace.id, contact.id, {
      daysAgo: 1,
      status: 'paused',
      assignedUserId: agent.id,
    });
    const colleagues = await conversationOf(workspace.id, contact.id, {
      daysAgo: 2,
      status: 'ended',
      assignedUserId: colleague.id,
    });
    await conversationOf(workspace.id, other.id, { daysAgo: 1 });

    const seen = await callerFor(agent).conversations.previous({ conversationId: current });
    expect(seen.map((c) => c.id)).toEqual([mine, ended]);
    expect(seen[1]).toEqual({
      id: ended,
      uuid: expect.any(String),
      status: 'ended',
      channel: 'WIDGET',
      createdAt: expect.any(String),
      lastActivityAt: expect.any(String),
      lastMessagePreview: 'Thanks, that solved it',
    });
    // A supervisor may open every one of them.
    const all = await callerFor(admin).conversations.previous({ conversationId: current });
    expect(all.map((c) => c.id)).toEqual([mine, colleagues, ended]);
  });

  it('stops at 20, and another workspace gets NOT_FOUND', async () => {
    const { workspace, admin } = await makeWorkspace();
    const contact = await makeContact(actorOf(admin));
    const current = await conversationOf(workspace.id, contact.id, { daysAgo: 0 });
    for (let i = 1; i <= 22; i++) {
      await conversationOf(workspace.id, contact.id, { daysAgo: i, status: 'ended' });
    }
    const seen = await callerFor(admin).conversations.previous({ conversationId: current });
    expect(seen).toHaveLength(20);
    const stranger = await makeWorkspace();
    await expect(
      callerFor(stranger.admin).conversations.previous({ conversationId: current }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
