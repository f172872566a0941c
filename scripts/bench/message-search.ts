/**
 * Message search over 2,000,000 messages (issue 22): searchMessages (server/services/messages/
 * search.ts) beside the same statement sent raw with postgres.js, interleaved, per kind of
 * query, as a supervisor and as an agent; and what the search indexes cost a message's write.
 *
 *   npx tsx scripts/bench/message-search.ts [--messages 2000000] [--iterations 200] [--explain]
 *
 * Starts its own embedded PostgreSQL in a temp dir. Four workspaces (the one searched holds
 * 70% of the messages), 20 messages a conversation, the text of scripts/bench/
 * message-search-corpus.ts. The search indexes are dropped while loading and built after,
 * as a migration on an existing database builds them (timed). Results: docs/performance.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PgDialect } from 'drizzle-orm/pg-core';
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

async function main() {
  const bench = await startDatabase();
  const { connectDb, closeDb } = await import('../../server/db/client');
  connectDb(bench.url, { max: 4 });
  const dialect = new PgDialect({ casing: 'snake_case' });
  const { searchMessages, searchShape, searchStatement, searchWords, SearchMessagesInput } =
    await import('../../server/services/messages/search');
  const { db, planEachCall } = await import('../../server/db/client');
  const sql = bench.sql;
  try {
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

    // A message's write without and then with the search indexes: PostgreSQL's CPU on one
    // connection (its backend's /proc), the raw accept transaction (scripts/bench/raw-accept.ts).
    const main = workspaces[0]!;
    const [conversation] = await sql<{ id: number }[]>`
      select id from conversations where workspace_id = ${main.id} order by id limit 1`;
    // One connection, so its backend's /proc is all of the writes' PostgreSQL CPU.
    const writer = (await import('postgres')).default(bench.url, { max: 1, onnotice: () => {} });
    const [{ pid }] = (await writer`select pg_backend_pid() as pid`) as unknown as [
      { pid: number },
    ];
    const [{ sample }] = (await writer`
      select array_agg(content->>'text') as sample from (select content from messages limit 200) m`) as unknown as [
      { sample: string[] },
    ];
    const writes = async () => {
      const cpu0 = cpuSeconds(pid);
      const w0 = performance.now();
      for (let i = 0; i < WRITES; i++) {
        await acceptRaw(writer, main.id, conversation!.id, sample[i % sample.length]!);
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
    const sizes = await sql<{ name: string; size: string }[]>`
      select relname as name, pg_size_pretty(pg_relation_size(oid)) as size from pg_class
      where relname in ('messages', 'messages_search_words_idx', 'messages_search_trgm_idx')
      order by relname`;

    // Searches: a handful of queries of each kind, taken in turn.
    const vocab = (from: number, to: number, n: number) =>
      sql<{ word: string }[]>`
        select word from bench_vocabulary where rank between ${from} and ${to} and char_length(word) >= 4
        order by hashint4(rank) limit ${n}`.then((r) => r.map((x) => x.word));
    const supervisor = {
      userId: main.seeded.supervisor.id,
      workspaceId: main.id,
      role: 'supervisor' as const,
    };
    const agent = {
      userId: main.seeded.agents[0]!.id,
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
    const slow: { label: string; statement: { sql: string; params: unknown[] } }[] = [];
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
          const shape = await searchShape(planEachCall(db), actor, words, parsed.limit, mode);
          shapes.push(`${mode} ${shape}`);
          return dialect.sqlToQuery(searchStatement(actor, parsed, words, mode, shape));
        }),
      );
      let s = 0;
      let r = 0;
      const service = () => searchMessages(actor, inputs[s++ % inputs.length]!);
      const raw = () => {
        const q = statements[r++ % statements.length]!;
        return sql.unsafe(q.sql, q.params as never[]);
      };
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
      slow.push({ label: kind.label, statement: statements[0]! });
    }

    const m = machineInfo();
    console.log(`\n${m.cpu}, ${m.memory}, ${m.os}, Node ${m.node}, PostgreSQL ${bench.pgVersion}`);
    console.log(
      `${total} messages (${SHARES.map((x) => `${x * 100}%`).join(' / ')} in 4 workspaces, ${PER_CONVERSATION} a conversation, ${words} words of vocabulary); loaded in ${loaded.toFixed(0)} s, search indexes built in ${built.toFixed(0)} s`,
    );
    console.log(sizes.map((x) => `${x.name} ${x.size}`).join(', '));
    console.log(
      `\nwrite (raw accept, one connection, ${WRITES} messages): PostgreSQL CPU ${without.cpuMs.toFixed(3)} ms/message without the search indexes, ${withIndexes.cpuMs.toFixed(3)} with; wall ${without.wallMs.toFixed(3)} / ${withIndexes.wallMs.toFixed(3)} ms\n`,
    );
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
          'plans',
        ],
        rows,
      ),
    );
    if (args.explain) {
      for (const { label, statement } of slow) {
        const plan = await sql.unsafe(
          `explain (analyze, buffers) ${statement.sql}`,
          statement.params as never[],
        );
        console.log(`\n${label}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
      }
    }
  } finally {
    await closeDb();
    await bench.stop();
  }
}

await main();
