/**
 * Worker faults (issue 16): WhatsApp customers write through the bridge webhook of the real app
 * (in this process) while `--role=worker` processes answer them through a model and send through
 * a WAHA bridge, both stand-ins on 127.0.0.1 that answer after a delay and count every call.
 * First with no fault, then with the oldest worker SIGKILLed every few seconds and a replacement
 * started beside the rest.
 *
 *   npx tsx scripts/bench/worker-faults.ts [--seconds 30] [--rate 10] [--customers 50]
 *                                          [--workers 2] [--kill-every 5] [--model-ms 1000]
 *                                          [--send-ms 300]
 *
 * Reports messages written, accepted, answered once, duplicate sends, model calls repeated and
 * overlapping, outcome_unknown failures, reply latency, and per kill how long the dead worker's
 * jobs (and, with `bot_turns`, its running turns) stayed locked; then how long after the last
 * kill the backlog drained. Works before and after issue 19 (scripts/bench/bot-work.ts): with
 * `bot_turns` one reply answers every message of a turn, so a message counts as answered by the
 * first reply to it or to a later message of its conversation; before, only by its own.
 * Results: docs/performance.md (worker faults).
 */
import { parseArgs } from 'node:util';
import { repeated, startProviders } from '../../tests/faults/stand-ins';
import { wahaMessage } from '../../tests/mocks/bridges';
import { botWorkLeft, keepsBotTurns, turnsHeldBy } from './bot-work';
import {
  machineInfo,
  markdownTable,
  type SpawnedServer,
  spawnServer,
  startBenchStack,
  summarize,
} from './lib';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '10' },
    customers: { type: 'string', default: '50' },
    workers: { type: 'string', default: '2' },
    'kill-every': { type: 'string', default: '5' },
    'model-ms': { type: 'string', default: '1000' },
    'send-ms': { type: 'string', default: '300' },
  },
});
const num = (v: string | undefined) => Math.max(1, Math.trunc(Number(v)));
const SECONDS = num(args.seconds);
const RATE = num(args.rate);
const CUSTOMERS = num(args.customers);
const WORKERS = num(args.workers);
const KILL_EVERY_MS = num(args['kill-every']) * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stack = await startBenchStack();
const { createChatbot } = await import('../../server/services/chatbots');
const { createIntegration } = await import('../../server/services/integrations');
const actor = { userId: stack.admin.userId, workspaceId: stack.admin.workspaceId, role: 'admin' };

interface Figures {
  scenario: string;
  written: number;
  accepted: number;
  answeredOnce: number;
  unanswered: number;
  duplicateSends: number;
  modelRepeated: number;
  modelOverlapping: number;
  unknown: number;
  p50: number;
  p99: number;
  max: number;
  lockedAfterKill: number[];
  drainAfterLastKill: number | null;
}

const beatingPools = async () =>
  (
    await stack.sql<{ pool_id: string }[]>`
      select pool_id from worker_heartbeats where last_seen_at > now() - interval '1.5 seconds'`
  ).map((r) => r.pool_id);

/**
 * Milliseconds from the kill at `killedAt` until no job, queue or bot turn is held by the killed
 * pool: of the pools that beat before the kill, the one that has not beaten since.
 */
async function lockedAfterKill(before: string[], killedAt: number): Promise<number> {
  await sleep(1_500);
  const after = new Set(await beatingPools());
  const victims = before.filter((p) => !after.has(p));
  for (;;) {
    const [row] = await stack.sql<{ n: number }[]>`
      select count(*)::int as n from (
        select locked_by from graphile_worker._private_jobs
        union all
        select locked_by from graphile_worker._private_job_queues
      ) held
      where locked_by = any(${stack.sql.array(victims)})`;
    if (row!.n + (await turnsHeldBy(stack.sql, victims)) === 0) return Date.now() - killedAt;
    await sleep(50);
  }
}

async function scenario(name: string, kills: boolean): Promise<Figures> {
  const providers = await startProviders({
    modelMs: num(args['model-ms']),
    sendMs: num(args['send-ms']),
  });
  const bot = await createChatbot(actor as never, { name: `Bot ${name}`, aiEnabled: true });
  const secret = 'hook-secret';
  const integration = await createIntegration(actor as never, {
    channel: 'WHATSAPP_QR',
    name: `Line ${name}`,
    phoneNumber: `1555${Math.floor(Math.random() * 1e7)}`,
    defaultChatbotId: bot.id,
    config: { provider: 'waha', baseUrl: providers.bridgeUrl, session: 'default' },
    credentials: { apiKey: 'bridge-key', webhookSecret: secret },
  });
  const env = {
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: providers.modelUrl,
    OPENAI_MAX_RETRIES: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    BUILD_CONSOLE: 'false',
    NODE_ENV: 'production',
  };
  // The stack's `url` is its HTTP server's; the workers need its database.
  const worker = () => spawnServer({ ...stack, url: stack.dbUrl }, env, ['--role=worker']);
  const live: SpawnedServer[] = await Promise.all(Array.from({ length: WORKERS }, worker));
  const started = Date.now();
  let written = 0;
  let accepted = 0;
  const writes: Promise<void>[] = [];
  const prefix = name.replace(/\W/g, '');
  const load = (async () => {
    for (let n = 0; Date.now() - started < SECONDS * 1000; n++) {
      const phone = `55${prefix.length}${String(n % CUSTOMERS).padStart(8, '0')}`;
      const body = wahaMessage(`${phone}@c.us`, `false_${prefix}_${n}`, `${prefix} ${n}`);
      written++;
      writes.push(
        fetch(`${stack.url}/webhooks/whatsapp-qr/${integration.uuid}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-webhook-secret': secret },
          body: JSON.stringify(body),
        }).then(
          (res) => {
            if (res.ok) accepted++;
          },
          () => {},
        ),
      );
      await sleep(Math.max(0, started + ((n + 1) * 1000) / RATE - Date.now()));
    }
    await Promise.all(writes);
  })();
  const locked: Promise<number>[] = [];
  const replacements: Promise<unknown>[] = [];
  let lastKill: number | null = null;
  if (kills) {
    while (Date.now() - started + KILL_EVERY_MS < SECONDS * 1000) {
      await sleep(KILL_EVERY_MS);
      while (live.length < 2) await sleep(50);
      const victim = live.shift()!;
      const before = await beatingPools();
      process.kill(victim.pid, 'SIGKILL');
      lastKill = Date.now();
      locked.push(lockedAfterKill(before, lastKill));
      replacements.push(worker().then((w) => live.push(w)));
    }
  }
  await load;
  await Promise.all(replacements);
  type Row = { replies: number; status: string | null; error: string | null; ms: number | null };
  // With turns, a reply answers its message and every earlier one of the conversation that
  // had none: the first reply to this message or a later one. Before, each had its own.
  const oneReplyPerTurn = await keepsBotTurns(stack.sql);
  const answers = async () => stack.sql<Row[]>`
    with inbound as (
      select m.id, m.conversation_id, m.created_at from messages m
      where m.integration_id = (select id from integrations where uuid = ${integration.uuid})
        and m.direction = 'inbound')
    select
      (select count(*) from messages own
        where own.reply_to_message_id = i.id and own.origin = 'bot')::int as replies,
      c.status, c.error, c.ms
    from inbound i
    left join lateral (
      select r.status::text as status, r.error_code as error,
        (extract(epoch from coalesce(r.sent_at, r.failed_at) - i.created_at) * 1000)::float8 as ms
      from messages r join inbound answered on answered.id = r.reply_to_message_id
      where r.origin = 'bot' and answered.conversation_id = i.conversation_id
        and (answered.id = i.id or (${oneReplyPerTurn} and answered.id > i.id))
      order by r.id
      limit 1) c on true`;
  const answered = (r: Row) => r.status !== null && r.status !== 'pending';
  let rows: Row[] = [];
  for (let waited = 0; waited < 120_000; waited += 100) {
    rows = await answers();
    const left = await botWorkLeft(stack.sql, 'answer');
    if (rows.every(answered) && left === 0) break;
    await sleep(100);
  }
  const drained = Date.now();
  const latency = summarize(rows.flatMap((r) => (r.ms === null ? [] : [r.ms])));
  await Promise.all(live.map((w) => w.stop()));
  await providers.close();
  return {
    scenario: name,
    written,
    accepted,
    answeredOnce: rows.filter((r) => answered(r) && r.replies <= 1).length,
    unanswered: rows.filter((r) => !answered(r)).length,
    duplicateSends: repeated(providers.sends).length,
    modelRepeated: repeated(providers.model).length,
    modelOverlapping: providers.model.overlapping,
    unknown: rows.filter((r) => r.error === 'outcome_unknown').length,
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    lockedAfterKill: await Promise.all(locked),
    drainAfterLastKill: lastKill === null ? null : drained - lastKill,
  };
}

try {
  const results = [await scenario('no fault', false), await scenario('kills', true)];
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(machineInfo());
  console.log(
    `${SECONDS} s at ${RATE} messages/s from ${CUSTOMERS} customers, ${WORKERS} workers ` +
      `(default settings), model ${args['model-ms']} ms, send ${args['send-ms']} ms, ` +
      `a kill every ${KILL_EVERY_MS / 1000} s\n`,
  );
  console.log(
    markdownTable(
      [
        'scenario',
        'written',
        'accepted',
        'answered once',
        'unanswered',
        'sent twice',
        'model calls repeated (overlapping)',
        'outcome_unknown',
        'reply p50 / p99 / max s',
        "dead worker's jobs locked for s",
        'drained after last kill s',
      ],
      results.map((r) => [
        r.scenario,
        r.written,
        r.accepted,
        r.answeredOnce,
        r.unanswered,
        r.duplicateSends,
        `${r.modelRepeated} (${r.modelOverlapping})`,
        r.unknown,
        `${s(r.p50)} / ${s(r.p99)} / ${s(r.max)}`,
        r.lockedAfterKill.map(s).join(', ') || '–',
        r.drainAfterLastKill === null ? '–' : s(r.drainAfterLastKill),
      ]),
    ),
  );
} finally {
  await stack.stop();
}
