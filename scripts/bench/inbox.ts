/**
 * The inbox lists (seed 003 GET /conversations, seed 002 GET /api/conversations) over HTTP
 * against the same SQL run raw, on 100,000 conversations and 2,000,000 messages (issue 4).
 *
 *   npx tsx scripts/bench/inbox.ts [--conversations 100000] [--messages-per 20]
 *                                  [--iterations 300] [--explain]
 *
 * Starts its own embedded PostgreSQL in a temp dir, the real express app on 127.0.0.1 in this
 * process and the real server (server/main.ts --role=api) in its own, seeds with `insert ...
 * select generate_series`, captures the statements each list sends (postgres.js debug hook on
 * the app's pool), then times HTTP to both, the service in-process and those statements
 * through postgres.js in interleaved rounds. Results and method: docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import type postgres from 'postgres';
import {
  type BenchUser,
  captureAppQueries,
  explainCaptured,
  getJson,
  insertBenchUsers,
  machineInfo,
  markdownTable,
  measureInterleaved,
  ms,
  ratio,
  runCaptured,
  spawnServer,
  startBenchStack,
  summarize,
} from './lib';

const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '100000' },
    'messages-per': { type: 'string', default: '20' },
    iterations: { type: 'string', default: '300' },
    explain: { type: 'boolean', default: false },
  },
});
const CONVERSATIONS = Math.min(1_000_000, Math.max(1_000, Number(args.conversations)));
const PER = Math.min(100, Math.max(1, Number(args['messages-per'])));
const ITERATIONS = Math.min(5_000, Math.max(20, Number(args.iterations)));
const AGENTS = 40;
const CHATBOTS = 5;
const TAGS = 20;
const CHUNK = 10_000;

interface Seeded {
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
async function seed(sql: postgres.Sql, workspaceId: number): Promise<Seeded> {
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
    from generate_series(1, ${CONVERSATIONS}) g`;
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
      cross join generate_series(1, ${PER}) k
      cross join lateral (select c.last_activity_at - (${PER} - k) * interval '3 minutes' as at) t
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

interface Scenario {
  label: string;
  user: BenchUser;
  path: string;
  /** The service called in-process (HTTP minus this is express, auth and JSON). */
  service: () => Promise<unknown>;
}

/** The ids a page shows: seed 003 its integer ids, seed 002 uuids. */
function pageIds(body: { data?: { id: unknown }[]; conversations?: { id: unknown }[] }) {
  return (body.data ?? body.conversations ?? []).map((c) => c.id);
}

async function main() {
  const stack = await startBenchStack();
  try {
    const { sql, admin } = stack;
    const seedStart = performance.now();
    const { agents, supervisor, tagIds } = await seed(sql, admin.workspaceId);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const [sizes] = (await sql`
      select (select count(*)::int from conversations) as conversations,
             (select count(*)::int from messages) as messages,
             (select count(*)::int from conversations
               where assigned_user_id = ${agents[0]!.id}) as mine,
             (select count(*)::int from conversations where status = 'active') as active`) as [
      { conversations: number; messages: number; mine: number; active: number },
    ];

    // The server as `npm start` runs it (API role), in its own process: what a browser talks to,
    // with no benchmark client sharing its event loop and heap.
    const own = await spawnServer({ ...stack, url: stack.dbUrl }, { LOG_LEVEL: 'warn' }, [
      '--role=api',
    ]);
    const list = await import('../../server/services/conversations/list');
    const inbox = await import('../../server/services/conversations/bot-inbox');
    const actor = (u: BenchUser) => ({ userId: u.id, workspaceId: u.workspaceId, role: u.role });
    const mine = agents[0]!;
    // A cursor deep in the list: the real encoding, taken from page 1 and checked below.
    const [deep] = (await sql`
      select id from conversations where workspace_id = ${admin.workspaceId} and status = 'active'
      order by id desc offset ${Math.floor(sizes.active * 0.8)} limit 1`) as [{ id: number }];
    const deepCursor = Buffer.from(`c:${deep.id}`).toString('base64url');
    const scenario = (
      label: string,
      user: BenchUser,
      api: '003' | '002',
      query: Record<string, string>,
    ): Scenario => ({
      label: `${api} ${label}`,
      user,
      path: `${api === '003' ? '/conversations' : '/api/conversations'}?${new URLSearchParams(query)}`,
      service: () =>
        api === '003'
          ? list.listConversations(actor(user), query)
          : inbox.listBotInbox(actor(user), query),
    });
    const tag = String(tagIds[3]);
    const scenarios = [
      scenario('supervisor `all=true&unread=true&tag_id=T&limit=20`', supervisor, '003', {
        all: 'true',
        unread: 'true',
        tag_id: tag,
        limit: '20',
      }),
      scenario(
        `agent "mine" \`limit=20\` (${sizes.mine.toLocaleString('en')} assigned)`,
        mine,
        '003',
        {
          limit: '20',
        },
      ),
      scenario('supervisor `all=true&limit=20` (everything)', supervisor, '003', {
        all: 'true',
        limit: '20',
      }),
      scenario('`status=active&limit=50`, first page', supervisor, '002', {
        status: 'active',
        limit: '50',
      }),
      scenario('`status=active&limit=50`, deep page (cursor at 80%)', supervisor, '002', {
        status: 'active',
        limit: '50',
        cursor: deepCursor,
      }),
    ];
    const first = await getJson<{ nextCursor: string }>(
      `${stack.url}/api/conversations?status=active&limit=50`,
      stack.admin.token,
    );
    if (!/^c:\d+$/.test(Buffer.from(first.nextCursor, 'base64url').toString())) {
      throw new Error(`unexpected cursor encoding ${first.nextCursor}`);
    }

    const rows: (string | number)[][] = [];
    for (const s of scenarios) {
      const token = await stack.tokenFor(s.user);
      const http = () => getJson(`${stack.url}${s.path}`, token);
      const ownHttp = () => getJson(`${own.url}${s.path}`, token);
      await s.service(); // warm the pool's connections before capturing
      const queries = (await captureAppQueries(s.service)).filter((q) => q.string.trim());
      // Both sides must return the same page before their times mean anything.
      const body = (await http()) as { total?: number };
      const viaHttp = pageIds(body as never);
      const [page] = await runCaptured(sql, queries);
      const seed002 = s.path.startsWith('/api/');
      // Seed 002's statement answers the page's JSON (its first column), seed 003's each row's.
      const viaSql = seed002
        ? (JSON.parse(String(page![0]![0])) as { id: string }[]).map((c) => c.id)
        : page!.map((r) => (JSON.parse(String(r[0])) as { id: number }).id);
      const viaOwn = pageIds((await ownHttp()) as never);
      if (
        viaHttp.length === 0 ||
        JSON.stringify(viaHttp) !== JSON.stringify(viaSql) ||
        JSON.stringify(viaOwn) !== JSON.stringify(viaSql)
      ) {
        throw new Error(
          `${s.label}: HTTP ${JSON.stringify(viaHttp)} ≠ SQL ${JSON.stringify(viaSql)}`,
        );
      }
      if (args.explain) await explainCaptured(sql, queries, s.label);
      const [h, o, v, q] = (
        await measureInterleaved([http, ownHttp, s.service, () => runCaptured(sql, queries)], {
          iterations: ITERATIONS,
          warmup: 20,
        })
      ).map((x) => summarize(x));
      rows.push([
        s.label,
        body.total ?? '–',
        queries.length,
        ...[h!.p50, h!.p95, h!.p99, o!.p50, o!.p95, o!.p99, v!.p50, v!.p95].map(ms),
        ...[q!.p50, q!.p95, q!.p99].map(ms),
        ratio(h!.p50, q!.p50),
        ratio(h!.p95, q!.p95),
        ratio(o!.p50, q!.p50),
        ratio(o!.p95, q!.p95),
      ]);
      console.error(`done: ${s.label}`);
    }

    // The fixed cost of any request on this machine, in the same run: no auth, no query.
    const { authenticate } = await import('../../server/auth/authenticate');
    const token = await stack.tokenFor(supervisor);
    const [health, auth] = (
      await measureInterleaved([() => getJson(`${stack.url}/healthz`), () => authenticate(token)], {
        iterations: ITERATIONS,
        warmup: 20,
      })
    ).map((x) => summarize(x));

    const m = machineInfo();
    console.log(`# Inbox list benchmark (${new Date().toISOString()})\n`);
    console.log(
      `- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; PostgreSQL ${stack.pgVersion} (embedded)`,
    );
    console.log(
      `- data: ${sizes.conversations.toLocaleString('en')} conversations (${sizes.active.toLocaleString('en')} active), ${sizes.messages.toLocaleString('en')} messages, ${AGENTS} agents, ${CHATBOTS} chatbots, ${TAGS} tags (seeded in ${seedSeconds.toFixed(1)} s)`,
    );
    console.log(
      `- ${ITERATIONS} timed runs per column and query, one at a time over loopback, in 8 interleaved rounds (HTTP, server process, service, SQL, ...) after 20 warm-up runs; times in ms. HTTP: the app in this process; server process: server/main.ts --role=api spawned\n`,
    );
    console.log(
      markdownTable(
        [
          ...['query', 'total', 'statements', 'HTTP p50', 'HTTP p95', 'HTTP p99'],
          ...['server process p50', 'server process p95', 'server process p99'],
          ...['service p50', 'service p95', 'SQL p50', 'SQL p95', 'SQL p99'],
          ...['HTTP/SQL p50', 'HTTP/SQL p95', 'server process/SQL p50', 'server process/SQL p95'],
        ],
        rows,
      ),
    );
    console.log(
      `\nFixed cost per request in the same run: \`GET /healthz\` over HTTP p50 ${ms(health!.p50)} / p95 ${ms(health!.p95)} ms; \`authenticate()\` in-process (token and identity cached, as after a user's first request) p50 ${ms(auth!.p50)} / p95 ${ms(auth!.p95)} ms.`,
    );
    await own.stop();
  } finally {
    await stack.stop();
  }
}

await main();
