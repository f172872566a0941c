/**
 * The knowledge base's quality with no API key (issue 20): the evaluation set
 * (tests/knowledge-eval/questions.ts) over the demo help centre (server/demo/knowledge/).
 *
 *   npx tsx scripts/bench/knowledge-eval.ts [--failures]
 *
 * Starts its own embedded PostgreSQL in a temp dir, writes and indexes the demo articles through
 * the knowledge services, then asks every question: searchKnowledge's top 3 (recall@1 and @3 of
 * the expected article, in the question's own language) and the built-in responder with the
 * turn's knowledge filled as a bot turn fills it (right answer, wrong answer, handoff or "don't
 * know"). Prints markdown tables by language and by kind of question; `--failures` lists every
 * question that missed. The same run is the floor in tests/knowledge-eval.test.ts.
 * Results and method: docs/performance.md.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { machineInfo, startDatabase } from './lib';

const { values: args } = parseArgs({
  options: { failures: { type: 'boolean', default: false } },
});

const database = await startDatabase();
try {
  const { connectDb, closeDb } = await import('../../server/db/client');
  connectDb(database.url, { max: 4 });
  try {
    const { runEvaluation } = await import('../../tests/knowledge-eval/run');
    const { failures, reportTables } = await import('../../tests/knowledge-eval/score');
    const { DEMO_ARTICLES } = await import('../../server/demo/knowledge/articles');
    const started = performance.now();
    const results = await runEvaluation();
    const seconds = (performance.now() - started) / 1000;
    const machine = machineInfo();
    console.log(
      `# Knowledge evaluation: ${results.length} questions over ${DEMO_ARTICLES.length} demo articles, no API key`,
    );
    console.log(
      `\nPostgreSQL ${database.pgVersion}, Node ${machine.node}, ${machine.cpu}; run ${seconds.toFixed(1)} s (seed, index, ask).\n`,
    );
    console.log(reportTables(results));
    const missed = failures(results);
    console.log(
      `\n${missed.length} questions missed (not right, or expected article not in the top 3).`,
    );
    if (args.failures && missed.length > 0) console.log(`\n${missed.join('\n')}`);
  } finally {
    await closeDb();
  }
} finally {
  await database.stop();
}
