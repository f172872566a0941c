import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { db } from '../../server/db/client';
import type { User } from '../../server/db/schema';
import { callerFor, tokenFor } from './factories';
import { api } from './server';

/** A chatbot made through the real service, as an admin would. */
export async function makeChatbot(
  admin: User,
  overrides: { aiEnabled?: boolean; name?: string } = {},
) {
  return callerFor(admin).chatbots.create({ name: overrides.name ?? 'Support bot', ...overrides });
}

export const visitor = () => `visitor-${randomBytes(4).toString('hex')}`;

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
    sql`select j.payload, q.queue_name from graphile_worker._private_jobs j
        join graphile_worker._private_tasks t on t.id = j.task_id
        left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
        where t.identifier = ${task} order by j.id`,
  );
  return rows as unknown as { payload: { messageId: number }; queue_name: string | null }[];
}
