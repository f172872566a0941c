import { randomBytes } from 'node:crypto';
import { asc, sql as dsql, eq } from 'drizzle-orm';
import type { Actor } from '../../server/auth/actor';
import { db, sql } from '../../server/db/client';
import {
  botTurns,
  type Conversation,
  conversations,
  events,
  messages,
  type User,
} from '../../server/db/schema';
import type { Role } from '../../shared/enums';
import { makeChatbot } from '../factories/chatbot';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { tokenFor } from './auth';
import { api } from './server';

export const visitor = () => `visitor-${randomBytes(4).toString('hex')}`;

export const actorFor = (user: User): Actor => ({
  userId: user.id,
  workspaceId: user.workspaceId,
  role: user.role,
});

/** A customer's message through seed 001's POST /messages/send. */
export async function sendAsCustomer(
  base: string,
  user: User,
  body: {
    chatbotId: string;
    externalUserId: string;
    content?: string;
    channel?: string;
    conversationId?: string;
    metadata?: Record<string, unknown>;
  },
  headers: Record<string, string> = {},
) {
  return api(base, 'POST', '/messages/send', {
    token: await tokenFor(user),
    body: { content: 'Hello, I need help', channel: 'WIDGET', ...body },
    headers,
  });
}

/** Jobs waiting in graphile-worker for a task (nothing runs them in these tests). */
export async function jobsFor(
  task: string,
): Promise<{ payload: { messageId: number }; queue_name: string | null }[]> {
  const rows = await db.execute(
    dsql`select j.payload, q.queue_name from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
        left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
        where t.identifier = ${task} order by j.id`,
  );
  return rows as unknown as { payload: { messageId: number }; queue_name: string | null }[];
}

/** The bot's open turn in a conversation (server/db/schema/bot-turns.ts), if any. */
export async function botTurnOf(conversationId: number) {
  const [turn] = await db
    .select()
    .from(botTurns)
    .where(eq(botTurns.conversationId, conversationId));
  return turn;
}

/** A workspace with its admin, a chatbot (AI on unless said otherwise) and a few members. */
export async function inboxWorkspace(options: { aiEnabled?: boolean } = {}) {
  const { workspace, admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled: options.aiEnabled ?? true });
  const member = async (role: Role, name?: string) => {
    const user = await makeUser(workspace.id, { role, name });
    return { user, token: await tokenFor(user), actor: actorFor(user) };
  };
  return { workspace, admin, bot, token: await tokenFor(admin), actor: actorFor(admin), member };
}

export const conversationRow = async (uuid: string): Promise<Conversation> => {
  const [row] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
  if (!row) throw new Error(`no conversation ${uuid}`);
  return row;
};

/** Opens a customer conversation with a first inbound message; returns its row. */
export async function openConversation(
  base: string,
  user: User,
  chatbotId: string,
  options: { externalUserId?: string; channel?: string; content?: string } = {},
): Promise<Conversation> {
  const res = await sendAsCustomer(base, user, {
    chatbotId,
    externalUserId: options.externalUserId ?? visitor(),
    ...(options.channel ? { channel: options.channel } : {}),
    ...(options.content ? { content: options.content } : {}),
  });
  if (res.status !== 202) throw new Error(`send failed: ${res.status} ${res.text}`);
  return conversationRow(res.body.data.conversation.id);
}

/** The texts of a conversation's messages, oldest first. */
export async function messageTexts(conversationId: number): Promise<string[]> {
  const rows = await db
    .select({ content: messages.content })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.id));
  return rows.map((m) => (m.content as { text: string }).text);
}

/** The events a conversation emitted, oldest first. */
export async function eventsOf(conversationId: number) {
  return db
    .select({ type: events.type, payload: events.payload })
    .from(events)
    .where(eq(events.conversationId, conversationId))
    .orderBy(asc(events.id));
}

export const eventTypes = async (conversationId: number) =>
  (await eventsOf(conversationId)).map((e) => e.type);

/**
 * Counts the SQL statements `fn` sends, through postgres.js's own debug hook (an observer:
 * nothing is replaced). Run it alone: statements of concurrent work would be counted too, so
 * the realtime hub's outbox reads (it runs in this process, woken by NOTIFY) are left out.
 */
export async function countQueries<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; count: number; statements: string[] }> {
  const options = sql.options as { debug?: unknown };
  const previous = options.debug;
  const statements: string[] = [];
  options.debug = (_connection: number, text: string) => {
    if (!/\bfrom events e\b/.test(text)) statements.push(text);
  };
  try {
    const result = await fn();
    return { result, count: statements.length, statements };
  } finally {
    options.debug = previous;
  }
}
