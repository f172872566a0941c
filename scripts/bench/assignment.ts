/**
 * Auto-assignment (issue 6): executeAssignment(workspaceId, {manual: true}) distributing 10,000
 * waiting conversations over 50 online agents, beside one SQL statement doing a round-robin
 * distribution of the same data, on fresh data every repetition.
 *
 *   npx tsx scripts/bench/assignment.ts [--conversations 10000] [--agents 50] [--repetitions 5]
 *
 * Each repetition seeds two identical workspaces (insert ... select generate_series), times the
 * service on one and the statement on the other (alternating which goes first), checks that
 * both assigned everything within capacity, then deletes both. Results: docs/performance.md.
 */
import { parseArgs } from 'node:util';
import type postgres from 'postgres';
import {
  insertBenchUsers,
  machineInfo,
  markdownTable,
  ms,
  ratio,
  startBenchStack,
  summarize,
} from './lib';

const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '10000' },
    agents: { type: 'string', default: '50' },
    repetitions: { type: 'string', default: '5' },
  },
});
const CONVERSATIONS = Math.min(200_000, Math.max(100, Number(args.conversations)));
const AGENTS = Math.min(1_000, Math.max(1, Number(args.agents)));
const REPETITIONS = Math.min(20, Math.max(1, Number(args.repetitions)));
/** Enough for everyone: 1.5× the even share. */
const CAPACITY = Math.ceil((CONVERSATIONS / AGENTS) * 1.5);

/** A workspace with online agents, a chatbot with AI off and its waiting conversations. */
async function seedWorkspace(sql: postgres.Sql, label: string): Promise<number> {
  const [ws] = await sql<{ id: number }[]>`
    insert into workspaces (name) values (${label}) returning id`;
  const workspaceId = ws!.id;
  await insertBenchUsers(sql, workspaceId, AGENTS, {
    prefix: `${label} agent`,
    capacity: CAPACITY,
  });
  const [bot] = await sql<{ id: number }[]>`
    insert into chatbots (workspace_id, name, public_key, ai_enabled)
    values (${workspaceId}, 'Humans only', ${`pk_${label}`}, false) returning id`;
  await sql`
    insert into contacts (workspace_id, external_id, name)
    select ${workspaceId}, 'waiting-' || g, 'Customer ' || g
    from generate_series(1, ${CONVERSATIONS}) g`;
  // Waiting since a spread of times over the last day, some handed off by a bot earlier.
  await sql`
    insert into conversations (workspace_id, kind, contact_id, chatbot_id, channel,
      external_user_id, status, unread_count, read, handoff_at, created_at, last_activity_at)
    select ${workspaceId}, 'customer', c.id, ${bot!.id}, 'WIDGET', c.external_id, 'active',
      1 + c.id % 3, false, case when c.id % 4 = 0 then t.at + interval '5 minutes' end, t.at, t.at
    from contacts c
    cross join lateral (select now() - (abs(hashint4(c.id)) % 86400) * interval '1 second' as at) t
    where c.workspace_id = ${workspaceId}`;
  await sql.unsafe('analyze users, conversations, contacts');
  return workspaceId;
}

/**
 * The baseline: one statement handing the waiting conversations, longest-waiting first, to the
 * online agents in turn (no capacity check, no participants, no events).
 */
async function assignBySql(sql: postgres.Sql, workspaceId: number) {
  const rows = await sql`
    with agents as (
      select id, row_number() over (order by id) - 1 as k, count(*) over () as n
      from users where workspace_id = ${workspaceId} and availability = 'online'),
    waiting as (
      select c.id, row_number() over (order by coalesce(c.handoff_at, c.created_at), c.id) - 1 as k
      from conversations c
      where c.workspace_id = ${workspaceId} and c.kind = 'customer'
        and c.assigned_user_id is null and c.status <> 'ended' and c.assigned_bot_id is null)
    update conversations c set assigned_user_id = a.id, unread_count = 0, read = true,
      updated_at = now()
    from waiting w join agents a on a.k = w.k % a.n
    where c.id = w.id
    returning c.id`;
  return rows.length;
}

/** Everything assigned, nobody over capacity; returns the busiest agent's count. */
async function check(sql: postgres.Sql, workspaceId: number, label: string) {
  const [row] = await sql<{ waiting: number; busiest: number }[]>`
    select (select count(*)::int from conversations
            where workspace_id = ${workspaceId} and assigned_user_id is null) as waiting,
           (select coalesce(max(n), 0)::int from (
              select count(*) as n from conversations where workspace_id = ${workspaceId}
              group by assigned_user_id) l) as busiest`;
  if (row!.waiting !== 0 || row!.busiest > CAPACITY) {
    throw new Error(`${label}: ${row!.waiting} left waiting, busiest agent has ${row!.busiest}`);
  }
  return row!.busiest;
}

async function main() {
  const stack = await startBenchStack();
  try {
    const { sql } = stack;
    const { executeAssignment } = await import('../../server/services/assignment/execute');
    const service: number[] = [];
    const baseline: number[] = [];
    const rows: (string | number)[][] = [];
    for (let rep = 1; rep <= REPETITIONS; rep++) {
      const a = await seedWorkspace(sql, `svc${rep}`);
      const b = await seedWorkspace(sql, `sql${rep}`);
      await sql.unsafe('checkpoint');
      const runService = async () => {
        const t = performance.now();
        const result = await executeAssignment(a, { manual: true });
        service.push(performance.now() - t);
        if (result.processed !== CONVERSATIONS) {
          throw new Error(`service assigned ${result.processed} of ${CONVERSATIONS}`);
        }
      };
      const runSql = async () => {
        const t = performance.now();
        const n = await assignBySql(sql, b);
        baseline.push(performance.now() - t);
        if (n !== CONVERSATIONS) throw new Error(`SQL assigned ${n} of ${CONVERSATIONS}`);
      };
      // Alternate which side runs first, so neither always meets a warmer cache.
      if (rep % 2) await runService().then(runSql);
      else await runSql().then(runService);
      const busiest = [await check(sql, a, 'service'), await check(sql, b, 'SQL')];
      rows.push([
        rep,
        ms(service.at(-1)!),
        ms(baseline.at(-1)!),
        ratio(service.at(-1)!, baseline.at(-1)!),
        `${busiest[0]} / ${busiest[1]}`,
      ]);
      await sql`delete from conversations where workspace_id in ${sql([a, b])}`;
      await sql`delete from workspaces where id in ${sql([a, b])}`;
      await sql.unsafe('vacuum analyze');
      console.error(`repetition ${rep} done`);
    }
    const [s, q] = [summarize(service), summarize(baseline)];
    rows.push([
      '**p50 / max**',
      `${ms(s.p50)} / ${ms(s.max)}`,
      `${ms(q.p50)} / ${ms(q.max)}`,
      ratio(s.p50, q.p50),
      '',
    ]);

    const m = machineInfo();
    console.log(`# Auto-assignment benchmark (${new Date().toISOString()})\n`);
    console.log(
      `- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; PostgreSQL ${stack.pgVersion} (embedded)`,
    );
    console.log(
      `- data per repetition and side: ${CONVERSATIONS.toLocaleString('en')} waiting conversations (chatbot AI off), ${AGENTS} online agents with capacity ${CAPACITY}; ${REPETITIONS} repetitions on fresh workspaces; times in ms\n`,
    );
    console.log(
      markdownTable(
        [
          'repetition',
          'executeAssignment ms',
          'one-statement SQL ms',
          'service / SQL',
          'busiest agent (service / SQL)',
        ],
        rows,
      ),
    );
  } finally {
    await stack.stop();
  }
}

await main();
