/**
 * Knowledge retrieval over 100,000 passages: searchKnowledge (server/services/knowledge/
 * retrieval.ts) beside the raw statement it runs (search_knowledge, postgres.js, prepared),
 * interleaved, and the indexing throughput of the knowledge-index job's own function; then,
 * with an embeddings model (a stub on loopback, scripts/bench/embeddings-stub.ts), the indexing
 * throughput of a sample of articles with and without vectors, and the hybrid search's latency
 * over the whole corpus with that sample's vectors.
 *
 *   npx tsx scripts/bench/knowledge-retrieval.ts [--passages 100000] [--iterations 400]
 *     [--explain] [--embedded 8000] [--dimensions 1536]
 *
 * Starts its own embedded PostgreSQL in a temp dir; the corpus is scripts/bench/knowledge-
 * corpus.ts (all of it in the collections of the one chatbot searched: the scope filter removes
 * nothing). Results: docs/performance.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmbeddingsStub } from './embeddings-stub';
import {
  COLLECTIONS,
  questions as corpusQuestions,
  SECTIONS,
  writeCorpus,
} from './knowledge-corpus';
import {
  machineInfo,
  markdownTable,
  measureInterleaved,
  ms,
  startDatabase,
  summarize,
} from './lib';

const { values: args } = parseArgs({
  options: {
    passages: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '400' },
    explain: { type: 'boolean', default: false },
    embedded: { type: 'string', default: '8000' },
    dimensions: { type: 'string', default: '1536' },
  },
});
const PASSAGES = Math.min(1_000_000, Math.max(800, Number(args.passages)));
const ITERATIONS = Math.min(5_000, Math.max(20, Number(args.iterations)));
/** Passages given vectors (a sample of articles): the in-memory search holds 20,000 at most. */
const EMBEDDED = Math.min(20_000, Math.max(0, Number(args.embedded)));
const DIMENSIONS = Math.min(4096, Math.max(8, Number(args.dimensions)));

/** The job's own function over `ids`, four at a time (the worker's default concurrency). */
async function indexAll(ids: number[], indexArticle: (id: number) => Promise<unknown>) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < ids.length) await indexArticle(ids[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * With an embeddings model (the stub): a sample of EMBEDDED passages' articles indexed again
 * without and then with vectors (a new revision each time, as an edit), and the hybrid search
 * over the whole corpus, of which that sample has vectors.
 */
async function embeddingsRun(run: {
  workspaceId: number;
  chatbotId: number;
  ids: number[];
  questions: string[];
  indexArticle: (id: number) => Promise<unknown>;
  searchKnowledge: (input: {
    workspaceId: number;
    chatbotId: number;
    query: string;
    limit?: number;
  }) => Promise<unknown>;
}) {
  const { config } = await import('../../server/config');
  const { db } = await import('../../server/db/client');
  const { sql } = await import('drizzle-orm');
  const stub = await startEmbeddingsStub(DIMENSIONS);
  const sample = run.ids.slice(0, Math.ceil(EMBEDDED / SECTIONS));
  const edit = () =>
    db.execute(sql`update knowledge_articles set revision = revision + 1 where id in ${sample}`);
  try {
    await edit();
    const lexical = await indexAll(sample, run.indexArticle);
    Object.assign(config, {
      EMBEDDINGS_MODEL: 'bench-embeddings',
      EMBEDDINGS_BASE_URL: stub.url,
      EMBEDDINGS_API_KEY: 'bench',
    });
    await edit();
    const embedded = await indexAll(sample, run.indexArticle);
    const passages = sample.length * SECTIONS;
    console.log(
      `\nindexing ${sample.length} articles (${passages} passages) again: ${Math.round(passages / lexical)} passages/s without vectors, ${Math.round(passages / embedded)} with (${DIMENSIONS} dimensions, a stub model answering at once, ${config.EMBEDDINGS_BATCH_SIZE} a request: ${stub.requests()} requests)`,
    );
    let q = 0;
    const hybrid = () =>
      run.searchKnowledge({
        workspaceId: run.workspaceId,
        chatbotId: run.chatbotId,
        query: run.questions[q++ % run.questions.length]!,
        limit: 5,
      });
    const [samples] = await measureInterleaved([hybrid], { iterations: ITERATIONS, warmup: 30 });
    const s = summarize(samples!);
    console.log(
      markdownTable(
        ['retrieval', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        [
          [
            `searchKnowledge, hybrid (${passages} with vectors)`,
            s.n,
            ms(s.p50),
            ms(s.p95),
            ms(s.p99),
            ms(s.max),
          ],
        ],
      ),
    );
  } finally {
    Object.assign(config, { EMBEDDINGS_MODEL: undefined, EMBEDDINGS_BASE_URL: undefined });
    await stub.close();
  }
}

async function main() {
  const bench = await startDatabase();
  const { connectDb, closeDb } = await import('../../server/db/client');
  connectDb(bench.url, { max: 8 });
  const { indexArticle } = await import('../../server/services/knowledge/indexing');
  const { searchKnowledge, questionWords } = await import(
    '../../server/services/knowledge/retrieval'
  );
  const sql = bench.sql;
  try {
    const { workspaceId, chatbotId, articleIds: ids } = await writeCorpus(sql, PASSAGES);
    console.error(`seeded ${ids.length} articles; indexing...`);
    const seconds = await indexAll(ids, indexArticle);
    await sql.unsafe('vacuum analyze knowledge_passages, knowledge_articles');
    const [{ n: passages }] =
      (await sql`select count(*)::int as n from knowledge_passages`) as unknown as [{ n: number }];

    console.error(`indexed ${passages} passages in ${seconds.toFixed(1)} s; searching...`);
    const questions = corpusQuestions(300);
    let q = 0;
    let r = 0;
    const service = () =>
      searchKnowledge({
        workspaceId,
        chatbotId,
        query: questions[q++ % questions.length]!,
        limit: 5,
      });
    // The raw side gets the question as searchKnowledge passes it on (filler words dropped).
    const raw = () =>
      sql`select * from search_knowledge(${workspaceId}::integer, ${chatbotId}::integer,
        ${questionWords(questions[r++ % questions.length]!)}::text, 5::integer)`;
    const [serviceMs, rawMs] = await measureInterleaved([service, raw], {
      iterations: ITERATIONS,
      warmup: 30,
    });
    const rows = [
      ['searchKnowledge (service)', serviceMs!],
      ['search_knowledge (raw SQL)', rawMs!],
    ].map(([label, samples]) => {
      const s = summarize(samples as number[]);
      return [label as string, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
    });
    const hits = await Promise.all(
      questions.slice(0, 60).map((query) => searchKnowledge({ workspaceId, chatbotId, query })),
    );

    const m = machineInfo();
    console.log(`\n${m.cpu}, ${m.memory}, ${m.os}, Node ${m.node}, PostgreSQL ${bench.pgVersion}`);
    console.log(
      `${passages} passages in ${ids.length} articles (${COLLECTIONS} collections, all searched)\n`,
    );
    console.log(markdownTable(['retrieval', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows));
    console.log(`\nquestions with at least one hit: ${hits.filter((h) => h.length > 0).length}/60`);
    console.log(
      `indexing: ${ids.length} articles, ${passages} passages in ${seconds.toFixed(1)} s = ${Math.round(passages / seconds)} passages/s (${Math.round(ids.length / seconds)} articles/s), 4 at a time`,
    );
    if (EMBEDDED > 0) {
      await embeddingsRun({
        workspaceId,
        chatbotId,
        ids,
        questions,
        indexArticle,
        searchKnowledge,
      });
    }
    if (args.explain) {
      // The function's body as a plain statement, so the plan shows inside it.
      const file = readFileSync(
        new URL('../../server/db/functions/search_knowledge.sql', import.meta.url),
        'utf8',
      );
      const body = file
        .slice(file.indexOf('as $$') + 5, file.lastIndexOf('$$;'))
        .replace(/p_workspace_id/g, '$1::integer')
        .replace(/p_chatbot_id/g, '$2::integer')
        .replace(/p_query/g, '$3::text')
        .replace(/p_limit/g, '5');
      await sql.begin(async (tx) => {
        await tx.unsafe(`set local pg_trgm.word_similarity_threshold = 0.3`);
        // The slowest questions are the ones worth reading.
        const timed: [number, string][] = [];
        for (const query of questions.slice(0, 100)) {
          const t0 = performance.now();
          await tx.unsafe(body, [workspaceId, chatbotId, questionWords(query)]);
          timed.push([performance.now() - t0, query]);
        }
        const slowest = timed
          .sort((a, b) => b[0] - a[0])
          .slice(0, 2)
          .map(([, query]) => query);
        for (const query of slowest) {
          const plan = await tx.unsafe(`explain (analyze, buffers) ${body}`, [
            workspaceId,
            chatbotId,
            questionWords(query),
          ]);
          console.log(`\n${query}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
        }
      });
    }
  } finally {
    await closeDb();
    await bench.stop();
  }
}

await main();
