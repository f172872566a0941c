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
import { parseArgs } from 'node:util';
import { PgDialect } from 'drizzle-orm/pg-core';
import {
  machineInfo,
  markdownTable,
  measureInterleaved,
  ms,
  startDatabase,
  summarize,
} from './lib';
import { load, PER_CONVERSATION, reuse, SHARES } from './message-search-load';

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
    const prepared = already
      ? await reuse(sql)
      : await load(sql, bench.url, { messages: MESSAGES, writes: WRITES });
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
