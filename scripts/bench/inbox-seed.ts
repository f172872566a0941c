/**
 * The inbox benchmarks' data (scripts/bench/inbox.ts, inbox-http.ts): one workspace with
 * agents, supervisors, chatbots and tags, one contact and conversation per row of
 * `generate_series`, and `perConversation` messages each. Method: docs/performance.md.
 */
import type postgres from 'postgres';
import { type BenchUser, insertBenchUsers } from './stack';

export const AGENTS = 40;
export const CHATBOTS = 5;
export const TAGS = 20;
const CHUNK = 10_000;

export interface Seeded {
  agents: BenchUser[];
  supervisor: BenchUser;
  tagIds: number[];
}

/**
 * One contact per conversation, 1–2 tags per contact. Conversations: 60% active, 10% paused,
 * 30% ended; one agent (`agents[0]`, "mine") owns every 30th, the other agents most of the rest,
 * a fifth is the bots'; a fifth unread; activity spread over 70 days, unrelated to id order.
 * Messages alternate client / bot, the last one `last_message_id`.
 */
export async function seedInbox(
  sql: postgres.Sql,
  workspaceId: number,
  conversations: number,
  perConversation: number,
): Promise<Seeded> {
  const agents = await insertBenchUsers(sql, workspaceId, AGENTS, { prefix: 'Agent' });
  const [supervisor] = await insertBenchUsers(sql, workspaceId, 2, {
    role: 'supervisor',
    prefix: 'Supervisor',
  });
  const bots = await sql<{ id: number }[]>`
    insert into chatbots (workspace_id, name, public_key)
    select ${workspaceId}, 'Bot ' || g, 'pk_bench_' || g || '_' || ${workspaceId}
    from generate_series(1, ${CHATBOTS}) g order by g returning id`;
  const [integration] = await sql<{ id: number }[]>`
    insert into integrations (workspace_id, channel, name, default_chatbot_id)
    values (${workspaceId}, 'WIDGET', 'Web widget', ${bots[0]!.id}) returning id`;
  const tagIds = (
    await sql<{ id: number }[]>`
      insert into tags (workspace_id, name, color)
      select ${workspaceId}, 'Tag ' || g, '#336699' from generate_series(1, ${TAGS}) g
      order by g returning id`
  ).map((t) => t.id);
  await sql`
    insert into contacts (workspace_id, external_id, name, phone_number)
    select ${workspaceId}, 'visitor-' || g, 'Customer ' || g, (5511900000000 + g)::text
    from generate_series(1, ${conversations}) g`;
  await sql`
    insert into contact_tags (workspace_id, contact_id, tag_id)
    select workspace_id, id, (${sql.array(tagIds)}::int[])[1 + abs(hashint4(id)) % ${TAGS}]
    from contacts where workspace_id = ${workspaceId}
    union all
    select workspace_id, id, (${sql.array(tagIds)}::int[])[1 + abs(hashint4(-id)) % ${TAGS}]
    from contacts where workspace_id = ${workspaceId} and abs(hashint4(id)) % 3 = 0
    on conflict do nothing`;
  const agentIds = sql.array(agents.map((a) => a.id));
  const botIds = sql.array(bots.map((b) => b.id));
  await sql`
    insert into conversations (workspace_id, kind, contact_id, integration_id, chatbot_id,
      channel, external_user_id, status, assigned_user_id, assigned_bot_id, unread_count, read,
      last_activity_at, created_at, updated_at, ended_at)
    select ${workspaceId}, 'customer', c.id, ${integration!.id}, b.id, 'WIDGET', c.external_id,
      s.status::conversation_status, a.user_id, case when a.user_id is null then b.id end,
      case when h.unread then 1 + c.g % 4 else 0 end, not h.unread,
      t.at, t.at - interval '2 hours', t.at, case when s.status = 'ended' then t.at end
    from (select id, external_id, row_number() over (order by id) as g
          from contacts where workspace_id = ${workspaceId}) c
    cross join lateral (select (${botIds}::int[])[1 + c.g % ${CHATBOTS}] as id) b
    -- Status and read state hashed, so they do not line up with assignment or tags.
    cross join lateral (select abs(hashint4(c.g::int)) as v) hv
    cross join lateral (select hv.v / 10 % 5 = 2 as unread) h
    cross join lateral (select case when hv.v % 10 < 6 then 'active'
                                    when hv.v % 10 = 6 then 'paused' else 'ended' end as status) s
    cross join lateral (select case when c.g % 30 = 0 then (${agentIds}::int[])[1]
                                    when c.g % 5 = 1 then null
                                    else (${agentIds}::int[])[2 + (c.g * 7) % ${AGENTS - 1}]
                               end as user_id) a
    cross join lateral (select now() - ((c.g * 7919) % 100000) * interval '1 minute' as at) t
    order by c.g`;
  const [{ lo, hi }] = (await sql`
    select min(id) as lo, max(id) as hi from conversations where workspace_id = ${workspaceId}`) as [
    { lo: number; hi: number },
  ];
  for (let from = lo; from <= hi; from += CHUNK) {
    await sql`
      insert into messages (workspace_id, conversation_id, integration_id, direction, origin,
        content, status, sent_at, delivered_at, created_at, updated_at)
      select c.workspace_id, c.id, c.integration_id,
        (case when k % 2 = 1 then 'inbound' else 'outbound' end)::message_direction,
        (case when k % 2 = 1 then 'client' else 'bot' end)::message_origin,
        jsonb_build_object('text', 'Message ' || k || ' of conversation ' || c.id),
        (case when k % 2 = 1 then 'delivered' else 'read' end)::delivery_status,
        at, at, at, at
      from conversations c
      cross join generate_series(1, ${perConversation}) k
      cross join lateral (select c.last_activity_at - (${perConversation} - k) * interval '3 minutes' as at) t
      where c.workspace_id = ${workspaceId} and c.id between ${from} and ${from + CHUNK - 1}
      order by c.id, k`;
  }
  await sql`
    update conversations c set last_message_id = m.id, last_message_at = m.created_at,
      last_message_preview = m.content->>'text', message_count = l.n,
      last_contact_message_at = m.created_at - interval '3 minutes'
    from (select conversation_id, max(id) as id, count(*)::int as n from messages
          group by conversation_id) l
    join messages m on m.id = l.id
    where c.id = l.conversation_id`;
  await sql`
    insert into conversation_participants (workspace_id, conversation_id, user_id, unread_count)
    select workspace_id, id, assigned_user_id, unread_count from conversations
    where workspace_id = ${workspaceId} and assigned_user_id is not null`;
  await sql.unsafe('vacuum analyze');
  return { agents, supervisor: supervisor!, tagIds };
}
