/**
 * Message search over 2,000,000 messages (issue 22): searchMessages (server/services/messages/
 * search.ts) beside the same statement sent raw with postgres.js, interleaved, per kind of
 * query, as a supervisor and as an agent; and what the search indexes cost a message's write.
 *
 *   npx tsx scripts/bench/message-search.ts [--messages 2000000] [--iterations 200] [--explain]
 *     [--data-dir DIR]  (keeps the data in DIR; a second run skips the load and the write cost)
 *
 * Starts its own embedded PostgreSQL in a temp dir. Four workspaces (the one searched holds
 * 70% of the messages), 20 messages a conversation, the text of scripts/bench/
 * message-search-corpus.ts. The search indexes are dropped while loading and built after,
 * as a migration on an existing database builds them (timed). Results: docs/performance.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import { seedInbox } from './inbox-seed';
import {
  machineInfo,
  markdownTable,
  measureInterleaved,
  ms,
  startDatabase,
  summarize,
} from './lib';
import { insertMessages, writeVocabulary } from './message-search-corpus';
import { acceptRaw } from './raw-accept';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000000' },
    iterations: { type: 'string', default: '200' },
    writes: { type: 'string', default: '4000' },
    explain: { type: 'boolean', default: false },
    /** Keep the loaded data here and, when it is already there, measure the searches again. */
    'data-dir': { type: 'string' },
  },
});
const MESSAGES = Math.min(10_000_000, Math.max(10_000, Number(args.messages)));
const ITERATIONS = Math.min(5_000, Math.max(20, Number(args.iterations)));
const WRITES = Math.min(50_000, Math.max(100, Number(args.writes)));
const PER_CONVERSATION = 20;
const VOCABULARY = 20_000;
/** The searched workspace's share, then three others'. */
const SHARES = [0.7, 0.1, 0.1, 0.1];
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

interface Loaded {
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
async function reuse(sql: postgres.Sql): Promise<Loaded> {
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
async function load(sql: postgres.Sql, url: string): Promise<Loaded> {
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

async function main() {
  const bench = await startDatabase(args['data-dir']);
  const { connectDb, closeDb } = await import('../../server/db/client');
  connectDb(bench.url, { max: 4 });
  const dialect = new PgDialect({ casing: 'snake_case' });
  const { searchMessages, searchRows, searchWords, SearchMessagesInput } = await import(
    '../../server/services/messages/search'
  );
  const { db, planEachCall } = await import('../../server/db/client');
  const sql = bench.sql;
  try {
    const [{ n: already }] = (await sql`
      select count(*)::int as n from workspaces where name = 'Search bench 1'`) as unknown as [
      { n: number },
    ];
    const prepared = already ? await reuse(sql) : await load(sql, bench.url);
    const { main, total } = prepared;

    // Searches: a handful of queries of each kind, taken in turn.
    const vocab = (from: number, to: number, n: number) =>
      sql<{ word: string }[]>`
        select word from bench_vocabulary where rank between ${from} and ${to} and char_length(word) >= 4
        order by hashint4(rank) limit ${n}`.then((r) => r.map((x) => x.word));
    const supervisor = {
      userId: main.supervisorId,
      workspaceId: main.id,
      role: 'supervisor' as const,
    };
    const agent = {
      userId: main.agentId,
      workspaceId: main.id,
      role: 'agent' as const,
    };
    const month = { from: new Date(Date.now() - 30 * 86_400_000).toISOString() };
    const kinds: {
      label: string;
      queries: string[];
      extra?: object;
      as?: 'agent';
      inside?: boolean;
    }[] = [
      { label: 'common word (ranks 8-40)', queries: await vocab(8, 40, 10) },
      { label: 'middling word (ranks 100-160)', queries: await vocab(100, 160, 10) },
      { label: 'rare word (ranks 10,000-20,000)', queries: await vocab(10_000, 20_000, 20) },
      { label: 'start of a word', queries: ['reemb', 'cancela', 'atualiz', 'garant', 'rastre'] },
      {
        label: 'inside a word (trigram, after the words found none)',
        queries: ['mbolso', 'elacion', 'ntrega', 'nscrip'],
        inside: true,
      },
      {
        label: 'accents left out',
        queries: ['acao', 'devolucao', 'endereco', 'informacao', 'telefono'],
      },
      { label: 'two words', queries: ['pedido entrega', 'cuenta contraseña', 'refund card'] },
      {
        label: 'common word, ended, last 30 days',
        queries: await vocab(8, 30, 10),
        extra: { status: 'ended', ...month },
      },
      { label: 'rare word, as an agent', queries: await vocab(10_000, 20_000, 20), as: 'agent' },
      { label: 'common word, as an agent', queries: await vocab(8, 30, 10), as: 'agent' },
    ];
    const rows: (string | number)[][] = [];
    const slow: {
      label: string;
      scans: { q: { sql: string; params: unknown[] }; off: string }[];
    }[] = [];
    for (const kind of kinds) {
      const actor = kind.as === 'agent' ? agent : supervisor;
      const inputs = kind.queries.map((query) => ({ query, ...kind.extra, limit: 20 }));
      const shapes: string[] = [];
      const statements = await Promise.all(
        inputs.map(async (input) => {
          const parsed = SearchMessagesInput.parse(input);
          const words = searchWords(parsed.query);
          // The mode the service settles on: the words, or inside words when they find nothing.
          const page = await searchMessages(actor, input);
          const mode = page.results.length === 0 || kind.inside ? 'inside' : 'words';
          const scans: { q: ReturnType<typeof dialect.sqlToQuery>; off: string }[] = [];
          await searchRows(planEachCall(db), actor, parsed, words, mode, null, (statement, off) =>
            scans.push({ q: dialect.sqlToQuery(statement), off }),
          );
          const walked = scans[0]?.off === 'enable_bitmapscan' ? 'walk + ' : '';
          const windows = scans.length - (walked ? 1 : 0);
          shapes.push(`${mode} ${walked}${windows} windows`);
          return scans;
        }),
      );
      let s = 0;
      let r = 0;
      const service = () => searchMessages(actor, inputs[s++ % inputs.length]!);
      // The same statements sent raw as the service sends them, each with its planner setting.
      const raw = () =>
        sql.begin(async (t) => {
          for (const { q, off } of statements[r++ % statements.length]!) {
            await t`select set_config(${off}, 'off', true)`;
            await t.unsafe(q.sql, q.params as never[]);
            await t`select set_config(${off}, 'on', true)`;
          }
        });
      const [serviceMs, rawMs] = await measureInterleaved([service, raw], {
        iterations: ITERATIONS,
        warmup: 10,
      });
      const a = summarize(serviceMs!);
      const b = summarize(rawMs!);
      const found = await searchMessages(actor, inputs[0]!);
      rows.push([
        kind.label,
        a.n,
        ms(a.p50),
        ms(a.p95),
        ms(b.p50),
        ms(b.p95),
        ms(Math.max(a.max, b.max)),
        found.results.length,
        [...new Set(shapes)].map((x) => `${shapes.filter((y) => y === x).length} ${x}`).join(', '),
      ]);
      console.error(`${kind.label}: service p95 ${ms(a.p95)} ms`);
      slow.push({ label: kind.label, scans: statements[0]! });
    }

    const m = machineInfo();
    console.log(`\n${m.cpu}, ${m.memory}, ${m.os}, Node ${m.node}, PostgreSQL ${bench.pgVersion}`);
    const fresh = prepared.fresh;
    if (fresh) {
      console.log(
        `${total} messages (${SHARES.map((x) => `${x * 100}%`).join(' / ')} in 4 workspaces, ${PER_CONVERSATION} a conversation, ${fresh.words} words of vocabulary); loaded in ${fresh.loaded.toFixed(0)} s, search indexes built in ${fresh.built.toFixed(0)} s`,
      );
      console.log(fresh.sizes.map((x) => `${x.name} ${x.size}`).join(', '));
      console.log(
        `\nwrite (raw accept, one connection, ${WRITES} messages): PostgreSQL CPU ${fresh.without.cpuMs.toFixed(3)} ms/message without the search indexes, ${fresh.withIndexes.cpuMs.toFixed(3)} with; wall ${fresh.without.wallMs.toFixed(3)} / ${fresh.withIndexes.wallMs.toFixed(3)} ms\n`,
      );
    } else {
      console.log(`${total} messages, loaded by an earlier run (--data-dir)\n`);
    }
    console.log(
      markdownTable(
        [
          'query (20 a page)',
          'n',
          'service p50',
          'service p95',
          'raw p50',
          'raw p95',
          'max',
          'hits',
          'scans (mode: walk, windows)',
        ],
        rows,
      ),
    );
    if (args.explain) {
      // The plan of each kind's first query's last statement.
      for (const { label, scans } of slow) {
        const { q, off } = scans.at(-1)!;
        const plan = await sql.begin(async (t) => {
          await t`select set_config(${off}, 'off', true)`;
          return t.unsafe(`explain (analyze, buffers) ${q.sql}`, q.params as never[]);
        });
        console.log(
          `\n${label} (${scans.length} statements, the last without ${off})\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`,
        );
      }
    }
  } finally {
    await closeDb();
    await bench.stop();
  }
}

await main();
