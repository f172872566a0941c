/**
 * The message pipeline (issue 5): widget visitors send through POST /messages/send, the worker
 * answers through an OpenAI-compatible stub, an agent watches the tRPC inbox stream.
 *
 *   npx tsx scripts/bench/pipeline.ts [--clients 80] [--concurrency 10,50] [--messages 1500]
 *                                     [--rate 80] [--seconds 10] [--rounds 3]
 *                                     [--topology single,split] [--model-latency 0]
 *
 * Spawns the real server on its own embedded PostgreSQL, OPENAI_BASE_URL pointing at a stub on
 * 127.0.0.1, in each topology: `single` is `npm start` (HTTP, WebSockets, event hub and the
 * worker in one process); `split` is `npm run start:api` beside `npm run start:worker` (two
 * processes on the same machine). In each it measures accepted messages/s (closed loop, N
 * concurrent clients) and, at a paced rate, send → message event on the inbox subscription and
 * send → the bot's reply frame on the widget socket; then accepted messages/s of an API process
 * with no worker running (the accept path alone). Beside each, interleaved round by round, the
 * raw cost of accepting a message through postgres.js (insert + add_job in one transaction).
 * Results: docs/performance.md.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import {
  closedLoop,
  insertBenchUsers,
  machineInfo,
  markdownTable,
  ms,
  paced,
  postJson,
  ratio,
  type SpawnedServer,
  type Stats,
  spawnServer,
  startDatabase,
  startOpenAIStub,
  summarize,
} from './lib';
import { connectClients, inboxAt, replyAt, type Visitor } from './pipeline-clients';
import { acceptRaw as acceptRawMessage, dropRawJobs, RAW_TASK } from './raw-accept';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '80' },
    concurrency: { type: 'string', default: '10,50' },
    messages: { type: 'string', default: '1500' },
    rate: { type: 'string', default: '80' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    topology: { type: 'string', default: 'single,split' },
    'model-latency': { type: 'string', default: '0' },
  },
});
const int = (v: string | undefined, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.trunc(Number(v))));
const CLIENTS = int(args.clients, 1, 500);
const LEVELS = args.concurrency!.split(',').map((c) => int(c, 1, CLIENTS));
const MESSAGES = int(args.messages, 10, 20_000);
const RATE = int(args.rate, 1, 1000);
const SECONDS = int(args.seconds, 1, 120);
const ROUNDS = int(args.rounds, 1, 10);
const TOPOLOGIES = {
  single: { label: 'worker in the same process', processes: [[] as string[]] },
  split: { label: 'worker in its own process', processes: [['--role=api'], ['--role=worker']] },
};
const topologies = args
  .topology!.split(',')
  .filter((t): t is keyof typeof TOPOLOGIES => t in TOPOLOGIES);
const WORKER_NICE = int(process.env.BENCH_WORKER_NICE ?? '10', 0, 19);
const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

interface Latency {
  accept: number[];
  inbox: number[];
  reply: number[];
  raw: number[];
  missing: number;
  lag: number;
}

async function main() {
  const stub = await startOpenAIStub({ latencyMs: int(args['model-latency'], 0, 60_000) });
  const db = await startDatabase();
  const cleanup: (() => Promise<unknown>)[] = [() => stub.close(), () => db.stop()];
  const runCleanup = async () => {
    for (const step of cleanup.splice(0)) await step().catch((err) => console.error(err));
  };
  process.once('SIGINT', () => void runCleanup().finally(() => process.exit(130)));
  try {
    const [ws] = await db.sql<{ id: number }[]>`
      insert into workspaces (name) values ('Pipeline bench') returning id`;
    const [admin] = await insertBenchUsers(db.sql, ws!.id, 1, { role: 'admin' });
    const [bot] = await db.sql<{ id: number; uuid: string; public_key: string }[]>`
      insert into chatbots (workspace_id, name, public_key, system_prompt)
      values (${ws!.id}, 'Bench bot', 'pk_bench_pipeline', 'You are a test bot.')
      returning id, uuid, public_key`;
    await db.sql`insert into integrations (workspace_id, channel, name, default_chatbot_id)
      values (${ws!.id}, 'WIDGET', 'Widget', ${bot!.id})`;
    const env = { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: stub.url, LOG_LEVEL: 'warn' };
    const agentToken = await db.tokenFor(admin!);
    const servers: SpawnedServer[] = [];
    const stopServers = async () => {
      for (const s of servers.splice(0)) await s.stop();
    };
    cleanup.unshift(stopServers);

    // The raw cost of accepting a message, on a pool the size of the server's (10).
    const raw = postgres(db.url, { max: 10, onnotice: () => {} });
    cleanup.unshift(() => raw.end({ timeout: 2 }));
    let nonce = 0;
    let rawConversation = 0;
    const acceptRaw = () => acceptRawMessage(raw, ws!.id, rawConversation, `raw-${nonce++}`);
    const send = async (base: string, v: Visitor) => {
      const n = String(nonce++);
      const sent = now();
      await postJson(`${base}/messages/send`, v.token, {
        chatbotId: bot!.uuid,
        externalUserId: v.externalUserId,
        conversationId: v.conversation,
        channel: 'WIDGET',
        content: `Hello bench-${n}`,
      });
      return { n, sent, accepted: now() };
    };
    /** Waits (bounded) until no job but the baseline's is due: the worker has caught up. */
    const drain = async (worker = true) => {
      for (let waited = 0; worker && waited < 300_000; waited += 250) {
        const [due] = await raw<{ n: number }[]>`
          select count(*)::int as n from graphile_worker._private_jobs j
          join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier <> ${RAW_TASK} and j.run_at <= now()`;
        if (due!.n === 0) return;
        await sleep(250);
      }
      if (worker) throw new Error('the worker did not catch up within 5 minutes');
    };

    /** Closed loop at each level, ROUNDS × (HTTP, raw); worker k sends as visitor k. */
    const rawSamples = new Map<number, { n: number; s: number; lat: number[] }>();
    const throughput = async (base: string, visitors: Visitor[], worker: boolean) => {
      const out = new Map<number, { perSecond: number; stats: Stats }>();
      for (const level of LEVELS) {
        const http = { n: 0, s: 0, lat: [] as number[] };
        const baseline = rawSamples.get(level) ?? { n: 0, s: 0, lat: [] as number[] };
        for (let r = 0; r < ROUNDS; r++) {
          await drain(worker);
          const h = await closedLoop(level, MESSAGES, (_, k) => send(base, visitors[k]!));
          Object.assign(http, { n: http.n + MESSAGES, s: http.s + h.seconds });
          http.lat.push(...h.samples);
          await drain(worker);
          const b = await closedLoop(level, MESSAGES, () => acceptRaw());
          Object.assign(baseline, { n: baseline.n + MESSAGES, s: baseline.s + b.seconds });
          baseline.lat.push(...b.samples);
          await dropRawJobs(raw);
        }
        rawSamples.set(level, baseline);
        out.set(level, { perSecond: http.n / http.s, stats: summarize(http.lat) });
        console.error(`throughput at ${level} (worker ${worker}) done`);
      }
      return out;
    };

    /** RATE messages/s for SECONDS, round-robin over the visitors; ROUNDS × (HTTP, raw). */
    const latency = async (base: string, visitors: Visitor[]): Promise<Latency> => {
      const lat: Latency = { accept: [], inbox: [], reply: [], raw: [], missing: 0, lag: 0 };
      for (let r = 0; r < ROUNDS; r++) {
        await drain();
        const sends: { n: string; sent: number; accepted: number }[] = [];
        const p = await paced(RATE, RATE * SECONDS, async (i) => {
          sends.push(await send(base, visitors[i % visitors.length]!));
        });
        lat.lag = Math.max(lat.lag, p.maxLag);
        for (let waited = 0; waited < 60_000; waited += 100) {
          if (sends.every((s) => inboxAt.has(s.n) && replyAt.has(s.n))) break;
          await sleep(100);
        }
        for (const s of sends) {
          lat.accept.push(s.accepted - s.sent);
          const [inbox, reply] = [inboxAt.get(s.n), replyAt.get(s.n)];
          if (inbox === undefined || reply === undefined) lat.missing++;
          if (inbox !== undefined) lat.inbox.push(inbox - s.sent);
          if (reply !== undefined) lat.reply.push(reply - s.sent);
        }
        await drain();
        await paced(RATE, RATE * SECONDS, async () => {
          const t = now();
          await acceptRaw();
          lat.raw.push(now() - t);
        });
        await dropRawJobs(raw);
        console.error(`paced round ${r + 1} done`);
      }
      return lat;
    };

    const results: {
      label: string;
      throughput: Awaited<ReturnType<typeof throughput>>;
      latency: Latency;
    }[] = [];
    let visitors: Visitor[] = [];
    for (const t of topologies) {
      for (const processArgs of TOPOLOGIES[t].processes) {
        const server = await spawnServer(db, env, processArgs);
        // The worker yields the CPU to the API process (docs/operations.md): `nice -n 10`.
        if (processArgs.includes('--role=worker')) os.setPriority(server.pid, WORKER_NICE);
        servers.push(server);
      }
      const base = servers[0]!.url;
      const clients = await connectClients(
        base,
        { publicKey: bot!.public_key, uuid: bot!.uuid },
        agentToken,
        CLIENTS,
      );
      cleanup.unshift(() => clients.close());
      visitors = clients.visitors;
      if (!rawConversation) {
        const [first] = await raw<
          { id: number }[]
        >`select id from conversations order by id limit 1`;
        rawConversation = first!.id;
      }
      results.push({
        label: TOPOLOGIES[t].label,
        throughput: await throughput(base, visitors, true),
        latency: await latency(base, visitors),
      });
      await clients.close();
      await stopServers();
    }
    const served = stub.served();

    // The accept path alone: an API process and no worker anywhere (jobs wait in the table).
    servers.push(await spawnServer(db, env, ['--role=api']));
    const apiOnly = await throughput(servers[0]!.url, visitors, false);

    const m = machineInfo();
    console.log(`# Pipeline benchmark (${new Date().toISOString()})\n`);
    console.log(
      `- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; PostgreSQL ${db.pgVersion} (embedded)`,
    );
    console.log(
      `- server: server/main.ts spawned (WORKER_CONCURRENCY default) in each topology: ${topologies.map((t) => TOPOLOGIES[t].label).join('; ')}; OpenAI stub on loopback (${served} completions served); ${CLIENTS} widget visitors with a /messages socket each, one agent on realtime.inbox\n`,
    );
    console.log(
      `## Accepted messages/s (closed loop, ${ROUNDS} rounds × ${MESSAGES} messages per side, interleaved)\n`,
    );
    console.log(
      markdownTable(
        [
          'concurrent clients',
          ...results.map((r) => `HTTP msg/s (${r.label})`),
          'HTTP msg/s (API process, no worker)',
          'raw accept msg/s',
          'raw / best HTTP with a worker',
          'HTTP p50 / p99 ms (no worker)',
          'raw p50 / p99 ms',
        ],
        LEVELS.map((level) => {
          const withWorker = results.map((r) => r.throughput.get(level)!.perSecond);
          const a = apiOnly.get(level)!;
          const b = rawSamples.get(level)!;
          const bs = summarize(b.lat);
          return [
            level,
            ...withWorker.map(Math.round),
            Math.round(a.perSecond),
            Math.round(b.n / b.s),
            ratio(b.n / b.s, Math.max(...withWorker)),
            `${ms(a.stats.p50)} / ${ms(a.stats.p99)}`,
            `${ms(bs.p50)} / ${ms(bs.p99)}`,
          ];
        }),
      ),
    );
    const row = (label: string, s: Stats) => [label, s.n, ...[s.p50, s.p95, s.p99, s.max].map(ms)];
    for (const r of results) {
      const l = r.latency;
      console.log(
        `\n## Latency at ${RATE} messages/s, ${r.label} (${ROUNDS} rounds × ${SECONDS} s per side, interleaved; max start lag ${ms(l.lag)} ms; ${l.missing} without event or reply after 60 s)\n`,
      );
      console.log(
        markdownTable(
          ['from send to …', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
          [
            row('202 response (accepted)', summarize(l.accept)),
            row('message event on the inbox subscription', summarize(l.inbox)),
            row("bot's reply frame on the widget socket", summarize(l.reply)),
            row('baseline: raw accept transaction', summarize(l.raw)),
          ],
        ),
      );
    }
  } finally {
    await runCleanup();
  }
}

await main();
