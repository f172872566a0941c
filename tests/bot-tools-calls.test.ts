import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { conversations, type User } from '../server/db/schema';
import { makeContact } from './factories/contact';
import { makeConversation } from './factories/conversation';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';

let admin: User;
let agent: User;
let teammate: User;
let conversationId: number;

/** A call's event as save_bot_reply writes it (append_event, the payload of a ToolActivity). */
const called = (payload: Record<string, unknown>, type = 'bot:tool_call') =>
  db.execute(sql`select append_event(${admin.workspaceId}::int, ${type}::text,
    ${conversationId}::int, ${JSON.stringify(payload)}::jsonb)`);

beforeAll(async () => {
  ({ admin } = await makeWorkspace());
  agent = await makeUser(admin.workspaceId, { role: 'agent' });
  teammate = await makeUser(admin.workspaceId, { role: 'agent' });
  const contact = await makeContact(actorOf(admin));
  conversationId = (await makeConversation(admin.workspaceId, contact.id)).id;
  await called({ tool: 'order_status', toolId: 7, status: 'ok', httpStatus: 200, durationMs: 84 });
  await called({ tool: 'order_status', status: 'error', durationMs: 2, errorCode: 'timeout' });
  await called({ isTyping: true }, 'typing');
  await called({ note: 'not a call' });
});

describe('botTools.calls: the bot’s tool calls for a conversation’s thread', () => {
  it('answers each call, oldest first, with its outcome and nothing else', async () => {
    const calls = await callerFor(agent).botTools.calls({ conversationId });
    expect(calls).toEqual([
      {
        id: expect.any(Number),
        tool: 'order_status',
        status: 'ok',
        httpStatus: 200,
        durationMs: 84,
        errorCode: null,
        createdAt: expect.any(String),
      },
      {
        id: expect.any(Number),
        tool: 'order_status',
        status: 'error',
        httpStatus: null,
        durationMs: 2,
        errorCode: 'timeout',
        createdAt: expect.any(String),
      },
    ]);
    expect(calls[0]!.id).toBeLessThan(calls[1]!.id);
  });

  it('follows the thread’s access rule: a colleague’s conversation and another workspace’s are refused', async () => {
    await db
      .update(conversations)
      .set({ assignedUserId: teammate.id })
      .where(eq(conversations.id, conversationId));
    await expect(callerFor(agent).botTools.calls({ conversationId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(callerFor(teammate).botTools.calls({ conversationId })).resolves.toHaveLength(2);
    const stranger = (await makeWorkspace()).admin;
    await expect(callerFor(stranger).botTools.calls({ conversationId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
