import { sql } from 'drizzle-orm';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import { makeChatbot } from './chatbot';

/** A bare conversation row: contacts only care that one exists. */
export async function makeConversation(workspaceId: number, contactId: number) {
  const [row] = await db.insert(conversations).values({ workspaceId, contactId }).returning();
  return row!;
}

/**
 * `n` conversations waiting for a human (their chatbot's AI is off), created in bulk with their
 * contacts; `tagId` puts a tag on every contact. Returns the conversation ids, oldest first.
 */
export async function makeWaiting(
  admin: User,
  n: number,
  options: { tagId?: number } = {},
): Promise<number[]> {
  const bot = await makeChatbot(admin, { aiEnabled: false });
  const rows = (await db.execute(sql`
    with c as (
      insert into contacts (workspace_id, external_id, name)
      select ${admin.workspaceId}, 'w-' || ${bot.id}::text || '-' || g, 'Customer ' || g from generate_series(1, ${n}) g
      returning id, external_id
    ), tagged as (
      insert into contact_tags (workspace_id, contact_id, tag_id)
      select ${admin.workspaceId}, c.id, ${options.tagId ?? null}::int from c where ${options.tagId ?? null}::int is not null
    )
    insert into conversations (workspace_id, contact_id, chatbot_id, channel, external_user_id, created_at)
    select ${admin.workspaceId}, c.id, b.id, 'WIDGET', c.external_id, now() - make_interval(secs => ${n} - row_number() over (order by c.id))
    from c, chatbots b where b.uuid = ${bot.id}
    returning id`)) as unknown as { id: number }[];
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
