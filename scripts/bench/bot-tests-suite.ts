/**
 * A bot test suite's speed (issue 21: "a bot test suite of 50 scripted cases with no model runs
 * in under 10 s"): 50 scripted customers walking the demo pizzeria flow
 * (server/demo/pizzeria-flow.ts) through the real runner, runAndStore, the path of the console's
 * Tests tab and of `npm run bot:test` (the draft read once, every case in the sandbox in turn,
 * the run and its 50 results stored, the diff from the previous run read back).
 *
 *   npx tsx scripts/bench/bot-tests-suite.ts [--runs 5]
 *
 * The first run in the process is reported apart (cold: modules and statements warming up, as a
 * CI job's single `bot:test` is), then `--runs` more. Baseline, in the same run: the same 50
 * scripts as real conversations through the real pipeline (the server as `npm start` runs it,
 * spawned: POST /messages/send per turn, the worker's flow step, waited for until the turn is
 * over and its replies are written), one conversation after another. That is what the suite
 * would cost without the sandbox. Results: docs/performance.md ("A bot test suite").
 */
import { parseArgs } from 'node:util';
import { PIZZERIA_FLOW } from '../../server/demo/pizzeria-flow';
import { FlowGraph } from '../../shared/flow';
import { scriptTurn, walk } from './bot-tests-walks';
import {
  machineInfo,
  markdownTable,
  ms,
  postJson,
  spawnServer,
  startDatabase,
  summarize,
} from './lib';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(args.runs));
const CASES = 50;
const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const WALKS = Array.from({ length: CASES }, (_, i) => walk(i));

const db = await startDatabase();
try {
  const [ws] = await db.sql<{ id: number }[]>`
    insert into workspaces (name) values ('Bot tests bench') returning id`;
  const [bot] = await db.sql<{ id: number; uuid: string; public_key: string }[]>`
    insert into chatbots (workspace_id, name, public_key, ai_enabled)
    values (${ws!.id}, 'Pizzaria', 'pk_bench_bot_tests', false)
    returning id, uuid, public_key`;
  // The draft is what the suite runs against; the same graph published is what customers meet.
  const graph = FlowGraph.parse(PIZZERIA_FLOW);
  const [flow] = await db.sql<{ id: number }[]>`
    insert into flows (workspace_id, chatbot_id, draft)
    values (${ws!.id}, ${bot!.id}, ${db.sql.json(graph as never)}) returning id`;
  const [version] = await db.sql<{ id: number }[]>`
    insert into flow_versions (workspace_id, flow_id, version, graph)
    values (${ws!.id}, ${flow!.id}, 1, ${db.sql.json(graph as never)}) returning id`;
  await db.sql`update flows set published_version_id = ${version!.id} where id = ${flow!.id}`;
  for (const w of WALKS)
    await db.sql`insert into bot_test_cases (workspace_id, chatbot_id, name, script, expectations)
      values (${ws!.id}, ${bot!.id}, ${w.name},
        ${db.sql.json({ kind: 'scripted', turns: w.turns.map(scriptTurn) } as never)},
        ${db.sql.json(w.expectations as never)})`;

  // The suite, in this process, as the command line runs it.
  // `db` is a live binding, set by connectDb: read it off the module.
  const client = await import('../../server/db/client');
  const { chatbots } = await import('../../server/db/schema');
  const { runAndStore } = await import('../../server/services/bot-tests/runs');
  const { eq } = await import('drizzle-orm');
  client.connectDb(db.url, { max: 2 });
  const [chatbot] = await client.db.select().from(chatbots).where(eq(chatbots.id, bot!.id));
  const suiteRun = async () => {
    const t = now();
    const detail = await runAndStore(ws!.id, chatbot!, { source: 'cli', startedBy: null });
    return { wall: now() - t, detail };
  };
  const cold = await suiteRun();
  const warm = [];
  for (let r = 0; r < RUNS; r++) warm.push(await suiteRun());
  // runAndStore keeps each case's time in whole ms: the cases timed here, finer, by the same
  // runCase that runAndStore's loop calls.
  const { loadDraft } = await import('../../server/services/bot-tests/sandbox');
  const { runCase } = await import('../../server/services/bot-tests/runner');
  const { casesOf } = await import('../../server/services/bot-tests/cases');
  const caseTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const draft = await loadDraft(chatbot!, client.db);
    for (const c of await casesOf(bot!.id, ws!.id, undefined, client.db)) {
      const t = now();
      await runCase(draft, c, client.db);
      caseTimes.push(now() - t);
    }
  }
  await client.closeDb();
  const [{ left }] = (await db.sql`
    select (select count(*) from conversations) + (select count(*) from messages)
      + (select count(*) from events) as left`) as unknown as [{ left: number }];
  const counts = cold.detail.run;

  // The command line end to end: a process started, the suite run and stored, the process gone.
  const { spawn } = await import('node:child_process');
  const cliStarted = now();
  const cliCode = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli/bot-test.ts', '--chatbot', bot!.uuid],
      { env: { ...process.env, DATABASE_URL: db.url }, stdio: 'ignore' },
    );
    child.once('exit', resolve);
  });
  const cliWall = now() - cliStarted;

  // Baseline: the same scripts as real conversations through the spawned server.
  const server = await spawnServer(db, { LOG_LEVEL: 'warn' });
  const perCase: number[] = [];
  const perTurn: number[] = [];
  const pipelineStarted = now();
  for (const w of WALKS) {
    const t = now();
    const session = await postJson<{ token: string; externalUserId: string }>(
      `${server.url}/widget/session`,
      '',
      { publicKey: bot!.public_key },
    );
    const conversation = await postJson<{ id: string }>(
      `${server.url}/conversations`,
      session.token,
      {
        chatbotId: bot!.uuid,
        externalUserId: session.externalUserId,
        channel: 'WIDGET',
      },
    );
    const [{ id }] = (await db.sql`
      select id from conversations where uuid = ${conversation.id}`) as unknown as [{ id: number }];
    for (const turn of w.turns) {
      const started = now();
      const [{ before }] = (await db.sql`select count(*)::int as before from messages
        where conversation_id = ${id} and origin = 'bot'`) as unknown as [{ before: number }];
      await postJson(`${server.url}/messages/send`, session.token, {
        chatbotId: bot!.uuid,
        externalUserId: session.externalUserId,
        conversationId: conversation.id,
        ...('text' in turn
          ? { content: turn.text }
          : { content: turn.title, choiceId: turn.choice }),
      });
      // The step is over when its turn is gone and its replies are written.
      for (let waited = 0; ; waited++) {
        const [row] = (await db.sql`select
            (select count(*)::int from messages where conversation_id = ${id} and origin = 'bot') as sent,
            exists (select 1 from bot_turns where conversation_id = ${id}) as open`) as unknown as [
          { sent: number; open: boolean },
        ];
        if (row.sent > before && !row.open) break;
        if (waited > 5_000) throw new Error(`no reply in ${w.name} to ${JSON.stringify(turn)}`);
        await sleep(1);
      }
      perTurn.push(now() - started);
    }
    perCase.push(now() - t);
  }
  const pipelineWall = now() - pipelineStarted;
  await server.stop();

  const turns = WALKS.reduce((n, w) => n + w.turns.length, 0);
  const warmWalls = summarize(warm.map((r) => r.wall));
  const warmCases = summarize(warm.flatMap((r) => r.detail.results.map((c) => c.durationMs)));
  const coldCases = summarize(cold.detail.results.map((c) => c.durationMs));
  const fineCases = summarize(caseTimes);
  const pipelineCases = summarize(perCase);
  const m = machineInfo();
  console.log(`# A bot test suite (${new Date().toISOString()})\n`);
  console.log(
    `- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; PostgreSQL ${db.pgVersion}`,
  );
  console.log(
    `- ${CASES} scripted cases on the demo pizzeria flow, ${turns} customer turns in all; per run: ${counts.passed} passed, ${counts.failed} failed (on purpose), ${counts.errored} errored, ${counts.skipped} skipped; rows left in conversations, messages and events by ${RUNS + 1} runs: ${left}`,
  );
  console.log(
    `- the pipeline baseline: ${pipelineWall.toFixed(0)} ms for the ${CASES} conversations, per customer turn p50 ${ms(summarize(perTurn).p50)} ms, p95 ${ms(summarize(perTurn).p95)} ms\n`,
  );
  console.log(
    markdownTable(
      ['', 'suite wall ms', 'per case p50 ms', 'per case p95 ms', 'per case max ms'],
      [
        [
          'runAndStore, first run in the process',
          ms(cold.wall),
          ms(coldCases.p50),
          ms(coldCases.p95),
          ms(coldCases.max),
        ],
        [
          `runAndStore, next ${RUNS} runs (median wall)`,
          ms(warmWalls.p50),
          ms(warmCases.p50),
          ms(warmCases.p95),
          ms(warmCases.max),
        ],
        [
          `npm run bot:test, process start to exit (exit code ${cliCode})`,
          ms(cliWall),
          '–',
          '–',
          '–',
        ],
        [
          `runCase alone, ${RUNS} × ${CASES} cases timed one by one`,
          '–',
          ms(fineCases.p50),
          ms(fineCases.p95),
          ms(fineCases.max),
        ],
        [
          'baseline: the same scripts through the pipeline',
          ms(pipelineWall),
          ms(pipelineCases.p50),
          ms(pipelineCases.p95),
          ms(pipelineCases.max),
        ],
      ],
    ),
  );
} finally {
  await db.stop();
}
