/**
 * CPU time per message through the whole pipeline (issue 5): what each message costs the
 * server process and PostgreSQL, read from /proc, at a rate the pipeline sustains. Beside it,
 * in the same run, the CPU the raw accept transaction costs PostgreSQL and its client.
 *
 *   npx tsx scripts/bench/pipeline-cpu.ts [--messages 400] [--rate 20] [--visitors 20]
 *
 * Spawns the real server (`npm start`: worker in process) on its own embedded PostgreSQL with
 * the OpenAI stub; widget visitors send through POST /messages/send; it waits until every
 * message has its reply on the visitor's socket. Linux only (/proc). Results: docs/performance.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import {
  insertBenchUsers,
  markdownTable,
  paced,
  postJson,
  spawnServer,
  startDatabase,
  startOpenAIStub,
} from './lib';
import { connectClients, replyAt } from './pipeline-clients';
import { acceptRaw, dropRawJobs } from './raw-accept';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '400' },
    rate: { type: 'string', default: '20' },
    visitors: { type: 'string', default: '20' },
  },
});
const N = Math.max(50, Number(args.messages));
const RATE = Math.max(1, Number(args.rate));
const VISITORS = Math.max(1, Number(args.visitors));
const TICKS_PER_SECOND = 100;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * CPU seconds (user + system) of the processes `pick` selects, from /proc/<pid>/stat, with the
 * CPU of their children that have exited (the postmaster's backends that closed meanwhile).
 */
function cpuSeconds(pick: (comm: string, pid: number) => boolean): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (pick(comm, Number(entry)))
      total += fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / TICKS_PER_SECOND;
  }
  return total;
}

/** CPU ms per item of `run` for the server (if any), PostgreSQL and this process. */
async function perItem(count: number, serverPid: number | null, run: () => Promise<void>) {
  const server = () => (serverPid === null ? 0 : cpuSeconds((_, pid) => pid === serverPid));
  const pg = () => cpuSeconds((comm) => comm === 'postgres');
  const [s0, p0, c0] = [server(), pg(), process.cpuUsage()];
  await run();
  const client = process.cpuUsage(c0);
  const ms = (seconds: number) => ((1000 * seconds) / count).toFixed(2);
  return {
    server: ms(server() - s0),
    postgres: ms(pg() - p0),
    client: ms((client.user + client.system) / 1e6),
  };
}

const stub = await startOpenAIStub();
const db = await startDatabase();
try {
  const [ws] = await db.sql<{ id: number }[]>`
    insert into workspaces (name) values ('CPU bench') returning id`;
  const [admin] = await insertBenchUsers(db.sql, ws!.id, 1, { role: 'admin' });
  const [bot] = await db.sql<{ id: number; uuid: string; public_key: string }[]>`
    insert into chatbots (workspace_id, name, public_key, system_prompt)
    values (${ws!.id}, 'Bench bot', 'pk_bench_cpu', 'You are a test bot.')
    returning id, uuid, public_key`;
  const env = { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: stub.url, LOG_LEVEL: 'warn' };
  const server = await spawnServer(db, env);
  const clients = await connectClients(
    server.url,
    { publicKey: bot!.public_key, uuid: bot!.uuid },
    await db.tokenFor(admin!),
    VISITORS,
  );
  let nonce = 0;
  const send = (i: number) => {
    const v = clients.visitors[i % VISITORS]!;
    return postJson(`${server.url}/messages/send`, v.token, {
      chatbotId: bot!.uuid,
      externalUserId: v.externalUserId,
      conversationId: v.conversation,
      content: `Hello bench-${nonce++}`,
    });
  };
  const allAnswered = async (from: number, count: number) => {
    for (let waited = 0; waited < 120_000; waited += 100) {
      if (Array.from({ length: count }, (_, k) => from + k).every((n) => replyAt.has(String(n))))
        return;
      await sleep(100);
    }
    throw new Error('not every message was answered within 2 minutes');
  };
  // Warm-up: connections, prepared statements, JIT.
  await paced(RATE, 100, send);
  await allAnswered(0, 100);
  await sleep(1000);

  const start = nonce;
  const pipeline = await perItem(N, server.pid, async () => {
    await paced(RATE, N, send);
    await allAnswered(start, N);
    await sleep(1000); // the delivered and read updates after the last reply
  });

  const raw = postgres(db.url, { max: 10, onnotice: () => {} });
  const [conversation] = await raw<{ id: number }[]>`select id from conversations limit 1`;
  const baseline = await perItem(N, null, async () => {
    await paced(RATE, N, async () => void (await acceptRaw(raw, ws!.id, conversation!.id, 'raw')));
  });
  await dropRawJobs(raw);
  await raw.end({ timeout: 2 });
  await clients.close();
  await server.stop();

  console.log(`# CPU per message (${new Date().toISOString()})\n`);
  console.log(
    `${N} messages at ${RATE}/s over ${VISITORS} widget visitors, each answered through the OpenAI stub and pushed to the visitor's socket; CPU ms per message from /proc\n`,
  );
  console.log(
    markdownTable(
      ['what', 'server process', 'PostgreSQL (all backends)', 'benchmark process (clients, stub)'],
      [
        [
          'whole pipeline: accept, 3 jobs, reply, delivery, events',
          pipeline.server,
          pipeline.postgres,
          pipeline.client,
        ],
        [
          'baseline: raw accept transaction (insert + add_job)',
          '–',
          baseline.postgres,
          baseline.client,
        ],
      ],
    ),
  );
} finally {
  await stub.close();
  await db.stop();
}
