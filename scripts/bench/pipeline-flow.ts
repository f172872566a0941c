/**
 * A flow's speed (issue 21): from a customer's message to the flow's reply frame on the widget
 * socket, with widget visitors walking the demo pizzeria flow (server/demo/pizzeria-flow.ts)
 * at a steady rate; beside it, in the same run and at the same pace, the raw accept transaction.
 * A flow step calls no model, so what this measures is the pipeline itself.
 *
 *   npx tsx scripts/bench/pipeline-flow.ts [--rate 50] [--visitors 150] [--rounds 2]
 *
 * Each visitor opens a conversation and walks the flow once a round: "Oi" (the greeting and
 * its buttons), the button "Cardápio" (the menu, then the name question), a name, the pizza
 * from the list, "Sim" (the handoff for the payment). Visitors send in turn, each every
 * visitors / rate seconds, so every step's reply has long arrived before its next step. A
 * round's visitors are new, since a handed-off conversation stays open. Results:
 * docs/performance.md ("A flow's replies").
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { PIZZERIA_FLOW } from '../../server/demo/pizzeria-flow';
import { FlowGraph } from '../../shared/flow';
import {
  machineInfo,
  markdownTable,
  ms,
  paced,
  postJson,
  spawnServer,
  startDatabase,
  summarize,
} from './lib';
import { acceptRaw, dropRawJobs } from './raw-accept';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    visitors: { type: 'string', default: '150' },
    rounds: { type: 'string', default: '2' },
  },
});
const RATE = Math.max(1, Number(args.rate));
const VISITORS = Math.max(1, Number(args.visitors));
const ROUNDS = Math.max(1, Number(args.rounds));
const REPLY_WAIT_MS = 10_000;
const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** The walk: what a visitor sends at each step, a choice with the button's id. */
const WALK: { content: string; choiceId?: string }[] = [
  { content: 'Oi' },
  { content: 'Cardápio', choiceId: '1' },
  { content: 'João' },
  { content: 'Margherita', choiceId: 'pizza margherita' },
  { content: 'Sim', choiceId: 'sim' },
];

interface Walker {
  token: string;
  externalUserId: string;
  conversation: string;
  ws: WebSocket;
  /** When the step waiting for its reply was sent; null when none waits. */
  sentAt: number | null;
  latencies: number[];
}

async function openWalker(base: string, publicKey: string, botUuid: string): Promise<Walker> {
  const session = await postJson<{ token: string; externalUserId: string }>(
    `${base}/widget/session`,
    '',
    { publicKey },
  );
  const conversation = await postJson<{ id: string }>(`${base}/conversations`, session.token, {
    chatbotId: botUuid,
    externalUserId: session.externalUserId,
    channel: 'WIDGET',
  });
  const ws = new WebSocket(`${base.replace('http', 'ws')}/messages?token=${session.token}`);
  const walker: Walker = {
    token: session.token,
    externalUserId: session.externalUserId,
    conversation: conversation.id,
    ws,
    sentAt: null,
    latencies: [],
  };
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { event: string; data: Record<string, unknown> };
      if (frame.event === 'subscribed') resolve();
      // The step's first bot frame is its reply; the ones after it (a menu, then a question)
      // belong to the same step.
      if (frame.event === 'message' && frame.data.role === 'ASSISTANT' && walker.sentAt !== null) {
        walker.latencies.push(now() - walker.sentAt);
        walker.sentAt = null;
      }
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId: conversation.id } })),
    );
  });
  return walker;
}

const db = await startDatabase();
try {
  const [ws] = await db.sql<{ id: number }[]>`
    insert into workspaces (name) values ('Flow bench') returning id`;
  const [bot] = await db.sql<{ id: number; uuid: string; public_key: string }[]>`
    insert into chatbots (workspace_id, name, public_key, ai_enabled)
    values (${ws!.id}, 'Pizzaria', 'pk_bench_flow', false)
    returning id, uuid, public_key`;
  const graph = FlowGraph.parse(PIZZERIA_FLOW);
  const [flow] = await db.sql<{ id: number }[]>`
    insert into flows (workspace_id, chatbot_id, draft)
    values (${ws!.id}, ${bot!.id}, ${db.sql.json(graph as never)}) returning id`;
  const [version] = await db.sql<{ id: number }[]>`
    insert into flow_versions (workspace_id, flow_id, version, graph)
    values (${ws!.id}, ${flow!.id}, 1, ${db.sql.json(graph as never)}) returning id`;
  await db.sql`update flows set published_version_id = ${version!.id} where id = ${flow!.id}`;

  const server = await spawnServer(db, { LOG_LEVEL: 'warn' });
  const walkers: Walker[] = [];
  let refused = 0;
  let unanswered = 0;
  let maxLag = 0;
  const started = now();
  for (let round = 0; round < ROUNDS; round++) {
    const crowd: Walker[] = [];
    for (let i = 0; i < VISITORS; i += 10) {
      const batch = Array.from({ length: Math.min(10, VISITORS - i) }, () =>
        openWalker(server.url, bot!.public_key, bot!.uuid),
      );
      crowd.push(...(await Promise.all(batch)));
    }
    const p = await paced(RATE, VISITORS * WALK.length, async (i) => {
      const w = crowd[i % VISITORS]!;
      const step = WALK[Math.floor(i / VISITORS)]!;
      if (w.sentAt !== null) unanswered++; // the previous step never got its reply
      w.sentAt = now();
      const res = await fetch(`${server.url}/messages/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.token}` },
        body: JSON.stringify({
          chatbotId: bot!.uuid,
          externalUserId: w.externalUserId,
          conversationId: w.conversation,
          ...step,
        }),
      });
      const body = await res.text();
      if (res.status >= 300) {
        if (refused++ === 0) console.error(`first refusal: ${res.status} ${body}`);
        w.sentAt = null;
      }
    });
    maxLag = Math.max(maxLag, p.maxLag);
    for (let waited = 0; waited < REPLY_WAIT_MS; waited += 100) {
      if (crowd.every((w) => w.sentAt === null)) break;
      await sleep(100);
    }
    unanswered += crowd.filter((w) => w.sentAt !== null).length;
    walkers.push(...crowd);
  }
  const seconds = (now() - started) / 1000;

  // The raw accept transaction at the same pace, the server idle.
  const [conversation] = await db.sql<{ id: number }[]>`select id from conversations limit 1`;
  const raw: number[] = [];
  await paced(RATE, VISITORS * WALK.length, async () => {
    const t = now();
    await acceptRaw(db.sql, ws!.id, conversation!.id, 'raw');
    raw.push(now() - t);
  });
  await dropRawJobs(db.sql);
  for (const w of walkers) w.ws.close();
  const [{ handedOff }] = (await db.sql`
    select count(*)::int as "handedOff" from conversations
    where workspace_id = ${ws!.id} and current_node_id = 'payment'`) as unknown as [
    { handedOff: number },
  ];
  await server.stop();

  const flowStats = summarize(walkers.flatMap((w) => w.latencies));
  const rawStats = summarize(raw);
  const row = (label: string, s: ReturnType<typeof summarize>) => [
    label,
    s.n,
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    ms(s.max),
  ];
  console.log(`# A flow's replies (${new Date().toISOString()})\n`);
  const m = machineInfo();
  console.log(`- machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}`);
  console.log(
    `- ${ROUNDS} rounds × ${VISITORS} widget visitors walking the demo pizzeria flow (${WALK.length} messages each) at ${RATE} messages/s, ${seconds.toFixed(1)} s; max start lag ${ms(maxLag)} ms; ${refused} sends refused, ${unanswered} steps without a reply after ${REPLY_WAIT_MS / 1000} s; ${handedOff} of ${ROUNDS * VISITORS} conversations reached the payment handoff\n`,
  );
  console.log(
    markdownTable(
      ['from send to …', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        row("the flow's reply frame on the widget socket", flowStats),
        row('baseline: raw accept transaction', rawStats),
      ],
    ),
  );
} finally {
  await db.stop();
}
