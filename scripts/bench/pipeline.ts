/**
 * The message pipeline (issues 5 and 19): widget visitors send through POST /messages/send, the
 * worker answers through an OpenAI-compatible stub, an agent watches the tRPC inbox stream.
 *
 *   npx tsx scripts/bench/pipeline.ts [--mode accept,inbox] [--topology single,split]
 *       [--clients 80] [--concurrency 10,50] [--messages 1500] [--rounds 3]   # accept
 *       [--rate 80] [--seconds 10]                                          # inbox
 *       [--rates 50,150,300] [--seconds 60] [--visitors N] [--reply-wait 30]  # bot
 *       [--model-latency ms]
 *
 * Spawns the real server on its own embedded PostgreSQL with its default settings,
 * OPENAI_BASE_URL pointing at a stub on 127.0.0.1, in each topology: `single` is `npm start`
 * (HTTP, WebSockets, event hub and the worker in one process); `split` is `npm run start:api`
 * beside `npm run start:worker`. Modes, in this order in each topology:
 * - `accept`: accepted messages/s (closed loop, N concurrent clients), then, after the
 *   topologies, of an API process with no worker running (the accept path alone);
 * - `inbox`: at `--rate`, send → 202, → message event on the inbox subscription, → the bot's
 *   reply frame on the widget socket (model instant unless `--model-latency`);
 * - `bot`: at each of `--rates` for `--seconds` (60 unless given) over max(150, 2 × rate)
 *   visitors (or `--visitors`), send → 202 and → the bot's reply frame, beside the model's own
 *   latency at the stub (1,000 ms unless `--model-latency`), replies missing after
 *   `--reply-wait` s, messages answered twice.
 * Beside each, the raw cost of accepting a message through postgres.js (insert + add_job in one
 * transaction) at the same concurrency or pace. Results: docs/performance.md.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  machineInfo,
  type SpawnedServer,
  spawnServer,
  startDatabase,
  startOpenAIStub,
} from './lib';
import { botSweep, botTables, type RateFigures, visitorsFor } from './pipeline-bot';
import { connectClients, type Visitor } from './pipeline-clients';
import {
  acceptTable,
  acceptThroughput,
  type InboxLatency,
  inboxLatency,
  inboxTable,
  type Level,
  type Throughput,
} from './pipeline-inbox';
import { preparePipelineRun } from './pipeline-run';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'accept,inbox' },
    clients: { type: 'string', default: '80' },
    concurrency: { type: 'string', default: '10,50' },
    messages: { type: 'string', default: '1500' },
    rate: { type: 'string', default: '80' },
    rates: { type: 'string', default: '50,150,300' },
    // Left unset, each mode takes its own: 10 s and an instant model for `inbox`, 60 s and
    // 1,000 ms for `bot`.
    seconds: { type: 'string' },
    'model-latency': { type: 'string' },
    visitors: { type: 'string' },
    'reply-wait': { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
    topology: { type: 'string', default: 'single,split' },
  },
});
const int = (v: string | undefined, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.trunc(Number(v))));
const list = (v: string | undefined, min: number, max: number) =>
  v!.split(',').map((x) => int(x, min, max));
const MODES = new Set(args.mode!.split(','));
const CLIENTS = int(args.clients, 1, 500);
const LEVELS = list(args.concurrency, 1, CLIENTS);
const MESSAGES = int(args.messages, 10, 20_000);
const RATE = int(args.rate, 1, 1000);
const RATES = list(args.rates, 1, 1000);
const seconds = (fallback: number) => int(args.seconds ?? String(fallback), 1, 600);
const modelLatency = (fallback: number) =>
  int(args['model-latency'] ?? String(fallback), 0, 60_000);
const FIXED_VISITORS = args.visitors === undefined ? null : int(args.visitors, 1, 2000);
const REPLY_WAIT_MS = int(args['reply-wait'], 1, 600) * 1000;
const ROUNDS = int(args.rounds, 1, 10);
const TOPOLOGIES = {
  single: { label: 'worker in the same process', processes: [[] as string[]] },
  split: { label: 'worker in its own process', processes: [['--role=api'], ['--role=worker']] },
};
const topologies = args
  .topology!.split(',')
  .filter((t): t is keyof typeof TOPOLOGIES => t in TOPOLOGIES);
const WORKER_NICE = int(process.env.BENCH_WORKER_NICE ?? '10', 0, 19);
const VISITORS = Math.max(
  MODES.has('accept') || MODES.has('inbox') ? CLIENTS : 1,
  ...(MODES.has('bot') ? RATES.map((r) => visitorsFor(r, FIXED_VISITORS)) : []),
);

interface TopologyResult {
  label: string;
  throughput?: Throughput;
  inbox?: InboxLatency;
  bot?: RateFigures[];
}

async function main() {
  const stub = await startOpenAIStub();
  const db = await startDatabase();
  const cleanup: (() => Promise<unknown>)[] = [() => stub.close(), () => db.stop()];
  const runCleanup = async () => {
    for (const step of cleanup.splice(0)) await step().catch((err) => console.error(err));
  };
  process.once('SIGINT', () => void runCleanup().finally(() => process.exit(130)));
  try {
    const run = await preparePipelineRun(db);
    cleanup.unshift(() => run.raw.end({ timeout: 2 }));
    const env = { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: stub.url, LOG_LEVEL: 'warn' };
    const servers: SpawnedServer[] = [];
    const stopServers = async () => {
      for (const s of servers.splice(0)) await s.stop();
    };
    cleanup.unshift(stopServers);

    const rawSamples = new Map<number, Level>();
    const acceptOptions = { levels: LEVELS, rounds: ROUNDS, messages: MESSAGES, rawSamples };
    const results: TopologyResult[] = [];
    let visitors: Visitor[] = [];
    for (const t of topologies) {
      for (const processArgs of TOPOLOGIES[t].processes) {
        const server = await spawnServer(db, env, processArgs);
        // The worker yields the CPU to the API process (docs/operations.md): `nice -n 10`.
        if (processArgs.includes('--role=worker')) os.setPriority(server.pid, WORKER_NICE);
        servers.push(server);
      }
      const base = servers[0]!.url;
      const clients = await connectClients(base, run.bot, run.agentToken, VISITORS);
      cleanup.unshift(() => clients.close());
      visitors = clients.visitors;
      const result: TopologyResult = { label: TOPOLOGIES[t].label };
      const firstClients = visitors.slice(0, CLIENTS);
      if (MODES.has('accept')) {
        stub.setLatency(modelLatency(0));
        result.throughput = await acceptThroughput(run, base, firstClients, true, acceptOptions);
      }
      if (MODES.has('inbox')) {
        stub.setLatency(modelLatency(0));
        const o = { rate: RATE, seconds: seconds(10), rounds: ROUNDS };
        result.inbox = await inboxLatency(run, base, firstClients, o);
      }
      if (MODES.has('bot')) {
        stub.setLatency(modelLatency(1000));
        const o = {
          rates: RATES,
          seconds: seconds(60),
          fixedVisitors: FIXED_VISITORS,
          replyWaitMs: REPLY_WAIT_MS,
        };
        result.bot = await botSweep(run, base, visitors, stub, o);
      }
      results.push(result);
      await clients.close();
      await stopServers();
    }
    const served = stub.served();

    // The accept path alone: an API process and no worker anywhere (jobs wait in the table).
    let apiOnly: Throughput | null = null;
    if (MODES.has('accept')) {
      servers.push(await spawnServer(db, env, ['--role=api']));
      const firstClients = visitors.slice(0, CLIENTS);
      apiOnly = await acceptThroughput(run, servers[0]!.url, firstClients, false, acceptOptions);
    }

    const m = machineInfo();
    console.log(`# Pipeline benchmark (${new Date().toISOString()})\n`);
    console.log(
      `- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; PostgreSQL ${db.pgVersion} (embedded)`,
    );
    console.log(
      `- server: server/main.ts spawned with its default settings (WORKER_CONCURRENCY ${process.env.WORKER_CONCURRENCY ?? 'unset'}) in each topology: ${topologies.map((t) => TOPOLOGIES[t].label).join('; ')}; OpenAI stub on loopback (${served} completions served); ${VISITORS} widget visitors with a /messages socket each, one agent on realtime.inbox\n`,
    );
    if (MODES.has('accept')) {
      console.log(
        `## Accepted messages/s (closed loop, ${ROUNDS} rounds × ${MESSAGES} messages per side, interleaved; first ${CLIENTS} visitors)\n`,
      );
      const withWorker = results.map((r) => ({ label: r.label, throughput: r.throughput! }));
      console.log(acceptTable(LEVELS, withWorker, apiOnly, rawSamples));
    }
    for (const r of results) {
      const l = r.inbox;
      if (!l) continue;
      console.log(
        `\n## Latency at ${RATE} messages/s, ${r.label} (model ${modelLatency(0)} ms; ${ROUNDS} rounds × ${seconds(10)} s per side, interleaved; first ${CLIENTS} visitors; max start lag ${l.lag.toFixed(2)} ms; ${l.missing} without event or reply after 60 s)\n`,
      );
      console.log(inboxTable(l));
    }
    for (const r of results) {
      if (!r.bot) continue;
      console.log(
        `\n## The bot's replies at ${RATES.join(', ')} messages/s, ${r.label} (model ${modelLatency(1000)} ms at the stub; ${seconds(60)} s per rate, the raw accept baseline at the same pace before it)\n`,
      );
      console.log(botTables(r.bot, REPLY_WAIT_MS));
    }
  } finally {
    await runCleanup();
  }
}

await main();
