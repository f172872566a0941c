/**
 * The message pipeline (issue 5): widget visitors send through POST /messages/send, the worker
 * answers through an OpenAI-compatible stub, an agent watches the tRPC inbox stream.
 *
 *   npx tsx scripts/bench/pipeline.ts [--clients 80] [--concurrency 10,50] [--messages 1500]
 *                                     [--rate 80] [--seconds 10] [--rounds 3]
 *
 * Spawns the real server (server/main.ts: HTTP, WebSockets, event hub, in-process worker) on
 * its own embedded PostgreSQL, OPENAI_BASE_URL pointing at a stub on 127.0.0.1. Measures
 * accepted messages/s (closed loop, N concurrent clients) and, at a paced rate, send → message
 * event on the inbox subscription and send → the bot's reply frame on the widget socket; then
 * accepted messages/s of an API-only process (`--role=api`). Beside each, interleaved round by
 * round, the raw cost of accepting a message through postgres.js (insert + add_job in one
 * transaction). Results: docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import postgres from 'postgres';
import WebSocket from 'ws';
import type { AppRouter } from '../../server/trpc/root';
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

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '80' },
    concurrency: { type: 'string', default: '10,50' },
    messages: { type: 'string', default: '1500' },
    rate: { type: 'string', default: '80' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
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
const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** When each message's inbox event and bot reply arrived, by the nonce in its text. */
const inboxAt = new Map<string, number>();
const replyAt = new Map<string, number>();
const nonceOf = (text: unknown) => /bench-(\d+)/.exec(String(text))?.[1];

interface Visitor {
  externalUserId: string;
  token: string;
  conversation: string;
  ws?: WebSocket;
}

/** A widget visitor: session, conversation (seed 000 find-or-create), socket subscribed to it. */
async function openVisitor(base: string, publicKey: string, botUuid: string, i: number) {
  const externalUserId = `bench-visitor-${i}`;
  const session = await postJson<{ token: string }>(`${base}/widget/session`, '', {
    publicKey,
    externalUserId,
  });
  const conversation = await postJson<{ id: string }>(`${base}/conversations`, session.token, {
    chatbotId: botUuid,
    externalUserId,
    channel: 'WIDGET',
  });
  const ws = new WebSocket(`${base.replace('http', 'ws')}/messages?token=${session.token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { event: string; data: Record<string, unknown> };
      if (frame.event === 'subscribed') resolve();
      if (frame.event === 'message' && frame.data.role === 'ASSISTANT') {
        const nonce = nonceOf(frame.data.content);
        if (nonce && !replyAt.has(nonce)) replyAt.set(nonce, now());
      }
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId: conversation.id } })),
    );
  });
  return { externalUserId, token: session.token, conversation: conversation.id, ws } as Visitor;
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
    let server: SpawnedServer = await spawnServer(db, env);
    cleanup.unshift(() => server.stop());

    const visitors: Visitor[] = [];
    for (let i = 0; i < CLIENTS; i++)
      visitors.push(await openVisitor(server.url, bot!.public_key, bot!.uuid, i));
    const wsClient = createWSClient({
      url: `${server.url.replace('http', 'ws')}/trpc`,
      WebSocket: WebSocket as never,
      connectionParams: { token: await db.tokenFor(admin!) },
    });
    const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
    const subscription = trpc.realtime.inbox.subscribe(
      {},
      {
        onData: ({ data }) => {
          if (data.type !== 'message:created' || data.message?.origin !== 'client') return;
          const nonce = nonceOf((data.message.content as { text?: string }).text);
          if (nonce && !inboxAt.has(nonce)) inboxAt.set(nonce, now());
        },
      },
    );
    let clientsOpen = true;
    const closeClients = async () => {
      if (!clientsOpen) return;
      clientsOpen = false;
      subscription.unsubscribe();
      await wsClient.close();
      for (const v of visitors) v.ws?.close();
    };
    cleanup.unshift(closeClients);

    // The raw cost of accepting a message, on a pool the size of the server's (10).
    const raw = postgres(db.url, { max: 10, onnotice: () => {} });
    cleanup.unshift(() => raw.end({ timeout: 2 }));
    const [first] = await raw<{ id: number }[]>`select id from conversations order by id limit 1`;
    let nonce = 0;
    const acceptRaw = () =>
      raw.begin(async (tx) => {
        const [m] = await tx<{ id: number }[]>`
          insert into messages (workspace_id, conversation_id, direction, origin, content, status,
            delivered_at)
          values (${ws!.id}, ${first!.id}, 'inbound', 'client',
            ${tx.json({ text: `raw-${nonce++}` })}, 'delivered', now())
          returning id`;
        await tx`select graphile_worker.add_job('bench-accept',
          ${JSON.stringify({ messageId: m!.id })}::json, queue_name => 'bench')`;
      });
    const send = async (v: Visitor) => {
      const n = String(nonce++);
      const sent = now();
      await postJson(`${server.url}/messages/send`, v.token, {
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
          where t.identifier <> 'bench-accept' and j.run_at <= now()`;
        if (due!.n === 0) return;
        await sleep(250);
      }
      if (worker) throw new Error('the worker did not catch up within 5 minutes');
    };
    const dropRawJobs = () => raw`
      delete from graphile_worker._private_jobs j using graphile_worker._private_tasks t
      where t.id = j.task_id and t.identifier = 'bench-accept'`;

    /** Closed loop at each level, ROUNDS × (HTTP, raw); worker k sends as visitor k. */
    const rawSamples = new Map<number, { n: number; s: number; lat: number[] }>();
    const throughput = async (worker: boolean) => {
      const out = new Map<number, { perSecond: number; stats: Stats }>();
      for (const level of LEVELS) {
        const http = { n: 0, s: 0, lat: [] as number[] };
        const base = rawSamples.get(level) ?? { n: 0, s: 0, lat: [] as number[] };
        for (let r = 0; r < ROUNDS; r++) {
          await drain(worker);
          const h = await closedLoop(level, MESSAGES, (_, k) => send(visitors[k]!));
          Object.assign(http, { n: http.n + MESSAGES, s: http.s + h.seconds });
          http.lat.push(...h.samples);
          await drain(worker);
          const b = await closedLoop(level, MESSAGES, () => acceptRaw());
          Object.assign(base, { n: base.n + MESSAGES, s: base.s + b.seconds });
          base.lat.push(...b.samples);
          await dropRawJobs();
        }
        rawSamples.set(level, base);
        out.set(level, { perSecond: http.n / http.s, stats: summarize(http.lat) });
        console.error(`throughput at ${level} (worker ${worker}) done`);
      }
      return out;
    };

    // 1. Accepted messages/s with the worker answering in the same process.
    const withWorker = await throughput(true);

    // 2. Latency at a paced rate, round-robin over the visitors.
    const lat = { accept: [] as number[], inbox: [] as number[], reply: [] as number[] };
    const rawAccept: number[] = [];
    let missing = 0;
    let lag = 0;
    for (let r = 0; r < ROUNDS; r++) {
      await drain();
      const sends: { n: string; sent: number; accepted: number }[] = [];
      const p = await paced(RATE, RATE * SECONDS, async (i) => {
        sends.push(await send(visitors[i % CLIENTS]!));
      });
      lag = Math.max(lag, p.maxLag);
      for (let waited = 0; waited < 60_000; waited += 100) {
        if (sends.every((s) => inboxAt.has(s.n) && replyAt.has(s.n))) break;
        await sleep(100);
      }
      for (const s of sends) {
        lat.accept.push(s.accepted - s.sent);
        const [inbox, reply] = [inboxAt.get(s.n), replyAt.get(s.n)];
        if (inbox === undefined || reply === undefined) missing++;
        if (inbox !== undefined) lat.inbox.push(inbox - s.sent);
        if (reply !== undefined) lat.reply.push(reply - s.sent);
      }
      await drain();
      await paced(RATE, RATE * SECONDS, async () => {
        const t = now();
        await acceptRaw();
        rawAccept.push(now() - t);
      });
      await dropRawJobs();
      console.error(`paced round ${r + 1} done`);
    }
    const served = stub.served();

    // 3. Accepted messages/s of an API-only process (`--role=api`): the accept path alone.
    await closeClients();
    await server.stop();
    server = await spawnServer(db, env, ['--role=api']);
    const apiOnly = await throughput(false);

    const m = machineInfo();
    console.log(`# Pipeline benchmark (${new Date().toISOString()})\n`);
    console.log(
      `- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}; PostgreSQL ${db.pgVersion} (embedded)`,
    );
    console.log(
      `- server: server/main.ts spawned (HTTP + WebSockets + in-process worker, WORKER_CONCURRENCY default), OpenAI stub on loopback (${served} completions served); ${CLIENTS} widget visitors with a /messages socket each, one agent on realtime.inbox\n`,
    );
    console.log(
      `## Accepted messages/s (closed loop, ${ROUNDS} rounds × ${MESSAGES} messages per side, interleaved)\n`,
    );
    console.log(
      markdownTable(
        [
          'concurrent clients',
          'HTTP msg/s (worker in process)',
          'HTTP msg/s (`--role=api`)',
          'raw accept msg/s',
          'raw / HTTP',
          'HTTP p50 / p99 ms',
          'raw p50 / p99 ms',
        ],
        LEVELS.map((level) => {
          const [h, a, b] = [withWorker.get(level)!, apiOnly.get(level)!, rawSamples.get(level)!];
          const bs = summarize(b.lat);
          return [
            level,
            Math.round(h.perSecond),
            Math.round(a.perSecond),
            Math.round(b.n / b.s),
            ratio(b.n / b.s, h.perSecond),
            `${ms(h.stats.p50)} / ${ms(h.stats.p99)}`,
            `${ms(bs.p50)} / ${ms(bs.p99)}`,
          ];
        }),
      ),
    );
    const row = (label: string, s: Stats) => [label, s.n, ...[s.p50, s.p95, s.p99, s.max].map(ms)];
    console.log(
      `\n## Latency at ${RATE} messages/s (${ROUNDS} rounds × ${SECONDS} s per side, interleaved; max start lag ${ms(lag)} ms; ${missing} without event or reply after 60 s)\n`,
    );
    console.log(
      markdownTable(
        ['from send to …', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        [
          row('202 response (accepted)', summarize(lat.accept)),
          row('message event on the inbox subscription', summarize(lat.inbox)),
          row("bot's reply frame on the widget socket", summarize(lat.reply)),
          row('baseline: raw accept transaction', summarize(rawAccept)),
        ],
      ),
    );
  } finally {
    await runCleanup();
  }
}

await main();
