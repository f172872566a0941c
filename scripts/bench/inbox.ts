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
 * through postgres.js in interleaved rounds. Results and method: docs/performance.md.
 */
import { parseArgs } from 'node:util';
import { AGENTS, CHATBOTS, seedInbox, TAGS } from './inbox-seed';
import {
  type BenchUser,
  captureAppQueries,
  explainCaptured,
  getJson,
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
    const { agents, supervisor, tagIds } = await seedInbox(
      sql,
      admin.workspaceId,
      CONVERSATIONS,
      PER,
    );
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
    const inbox = await import('../../server/contracts/bot-inbox/list');
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
      const botInbox = s.path.startsWith('/api/');
      // Seed 002's statement answers the page's JSON (its first column), seed 003's each row's.
      const viaSql = botInbox
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
