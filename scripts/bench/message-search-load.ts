/**
 * The corpus of scripts/bench/message-search.ts: four workspaces of generated messages, loaded
 * without the search indexes and then with them (as migration 0037 builds them on an existing
 * database), with the cost of a message's write measured without and with them; or the corpus
 * an earlier run left in its --data-dir.
 */
import { readFileSync } from 'node:fs';
import type postgres from 'postgres';
import { seedInbox } from './inbox-seed';
import { insertMessages, writeVocabulary } from './message-search-corpus';
import { acceptRaw } from './raw-accept';

export const PER_CONVERSATION = 20;
const VOCABULARY = 20_000;
/** The searched workspace's share, then three others'. */
export const SHARES = [0.7, 0.1, 0.1, 0.1];
const CHUNK = 5_000;

const migration = readFileSync(
  new URL('../../drizzle/0037_message_search.sql', import.meta.url),
  'utf8',
)
  .split('--> statement-breakpoint')
  .map((s) => s.trim())
  .filter(Boolean);

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface Loaded {
  main: { id: number; supervisorId: number; agentId: number };
  total: number;
  /** Absent when the data came from an earlier run's --data-dir. */
  fresh?: {
    words: number;
    loaded: number;
    built: number;
    without: { cpuMs: number; wallMs: number };
    withIndexes: { cpuMs: number; wallMs: number };
    sizes: { name: string; size: string }[];
  };
}

/** The data an earlier run left in --data-dir. */
export async function reuse(sql: postgres.Sql): Promise<Loaded> {
  const [row] = (await sql`
    select w.id,
      (select min(id) from users where workspace_id = w.id and role = 'supervisor') as supervisor_id,
      (select min(id) from users where workspace_id = w.id and role = 'agent') as agent_id,
      (select count(*)::int from messages) as total
    from workspaces w where w.name = 'Search bench 1'`) as unknown as [
    { id: number; supervisor_id: number; agent_id: number; total: number },
  ];
  console.error(`${row.total} messages from the data dir; measuring searches...`);
  return {
    main: { id: row.id, supervisorId: row.supervisor_id, agentId: row.agent_id },
    total: row.total,
  };
}

/** Loads the corpus without the search indexes, then measures a write without and with them. */
export async function load(
  sql: postgres.Sql,
  url: string,
  size: { messages: number; writes: number },
): Promise<Loaded> {
  const MESSAGES = size.messages;
  const WRITES = size.writes;
  const t0 = performance.now();
  await sql.unsafe('drop index messages_search_words_idx, messages_search_trgm_idx');
  const words = await writeVocabulary(sql, VOCABULARY);
  const workspaces: { id: number; seeded: Awaited<ReturnType<typeof seedInbox>> }[] = [];
  for (const [i, share] of SHARES.entries()) {
    const [w] = await sql<{ id: number }[]>`
      insert into workspaces (name) values (${`Search bench ${i + 1}`}) returning id`;
    const conversations = Math.round((MESSAGES * share) / PER_CONVERSATION);
    const seeded = await seedInbox(sql, w!.id, conversations, 0);
    workspaces.push({ id: w!.id, seeded });
    const [{ lo, hi }] = (await sql`
      select min(id) as lo, max(id) as hi from conversations where workspace_id = ${w!.id}`) as [
      { lo: number; hi: number },
    ];
    for (let from = lo; from <= hi; from += CHUNK) {
      await insertMessages(sql, w!.id, from, from + CHUNK - 1, PER_CONVERSATION, VOCABULARY);
    }
    console.error(`workspace ${i + 1}: ${conversations} conversations, messages written`);
  }
  const loaded = (performance.now() - t0) / 1000;
  await sql.unsafe('vacuum analyze messages');
  const [{ n: total }] = (await sql`select count(*)::int as n from messages`) as unknown as [
    { n: number },
  ];
  console.error(`${total} messages in ${loaded.toFixed(0)} s; measuring writes...`);
  const [{ lastLoaded }] = (await sql`select max(id) as "lastLoaded" from messages`) as unknown as [
    { lastLoaded: number },
  ];

  // A message's write without and then with the search indexes: PostgreSQL's CPU on one
  // connection (its backend's /proc), the raw accept transaction (scripts/bench/raw-accept.ts).
  const first = workspaces[0]!;
  const [conversation] = await sql<{ id: number }[]>`
    select id from conversations where workspace_id = ${first.id} order by id limit 1`;
  // One connection, so its backend's /proc is all of the writes' PostgreSQL CPU.
  const writer = (await import('postgres')).default(url, { max: 1, onnotice: () => {} });
  const [{ pid }] = (await writer`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
  const [{ sample }] = (await writer`
    select array_agg(content->>'text') as sample from (select content from messages limit 200) m`) as unknown as [
    { sample: string[] },
  ];
  const writes = async () => {
    const cpu0 = cpuSeconds(pid);
    const w0 = performance.now();
    for (let i = 0; i < WRITES; i++) {
      await acceptRaw(writer, first.id, conversation!.id, sample[i % sample.length]!);
    }
    return {
      cpuMs: ((cpuSeconds(pid) - cpu0) * 1000) / WRITES,
      wallMs: (performance.now() - w0) / WRITES,
    };
  };
  await writes(); // warm-up
  const without = await writes();
  const b0 = performance.now();
  for (const statement of migration) {
    await sql.unsafe(`set maintenance_work_mem = '512MB'; ${statement}`);
  }
  const built = (performance.now() - b0) / 1000;
  await sql.unsafe('analyze messages');
  const withIndexes = await writes();
  await writes();
  await writer.end();
  // The writes' messages, all in one conversation at the top of the ids, are not the corpus
  // described: a search would walk through thousands of them first.
  await sql`delete from messages where conversation_id = ${conversation!.id} and id > ${lastLoaded}`;
  await sql.unsafe('vacuum analyze messages');
  const sizes = await sql<{ name: string; size: string }[]>`
    select relname as name, pg_size_pretty(pg_relation_size(oid)) as size from pg_class
    where relname in ('messages', 'messages_search_words_idx', 'messages_search_trgm_idx')
    order by relname`;

  return {
    main: {
      id: first.id,
      supervisorId: first.seeded.supervisor.id,
      agentId: first.seeded.agents[0]!.id,
    },
    total,
    fresh: { words, loaded, built, without, withIndexes, sizes },
  };
}
