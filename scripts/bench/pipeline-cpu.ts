/**
 * CPU time per answered message through the whole pipeline (issues 5 and 19): what each message
 * costs the server process and PostgreSQL, read from /proc, with an instant model. Beside it, in
 * the same run and at the same pace, the CPU the raw accept transaction costs PostgreSQL and
 * its client (postgres.js in this process), and the floor of an answered message: that transaction
 * and the raw write of a reply (replyRaw), the two writes no pipeline can skip.
 *
 *   npx tsx scripts/bench/pipeline-cpu.ts [--messages 400] [--rate 50] [--visitors 2 × rate]
 *     [--warmup 1500]
 *
 * Spawns the real server (`npm start`: worker in process, default settings) on its own embedded
 * PostgreSQL with the OpenAI stub; widget visitors send through POST /messages/send, each at
 * most every two seconds by default (so no burst is answered as one turn); it waits until every
 * message has its reply on the visitor's socket. PostgreSQL is this run's cluster only (the
 * postmaster and its children), not every `postgres` on the machine: tests may run beside it.
 * Linux only (/proc). Results: docs/performance.md.
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
import { acceptRaw, dropRawJobs, replyRaw } from './raw-accept';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '400' },
    // What a running server pays: after 100 messages its server CPU was still a fifth above
    // that of 1,000 to 1,500 (the JIT, the pool's connections preparing their statements).
    warmup: { type: 'string', default: '1500' },
    rate: { type: 'string', default: '50' },
    visitors: { type: 'string' },
  },
});
const N = Math.max(50, Number(args.messages));
const WARMUP = Math.max(1, Number(args.warmup));
const RATE = Math.max(1, Number(args.rate));
const VISITORS = Math.max(1, Number(args.visitors ?? 2 * RATE));
const TICKS_PER_SECOND = 100;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/**
 * CPU seconds (user + system) of the processes `pick` selects, from /proc/<pid>/stat, with the
 * CPU of their children that have exited (the postmaster's backends that closed meanwhile).
 */
function cpuSeconds(pick: (pid: number, parent: number) => boolean): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After "pid (comm) ": state, ppid, …; utime, stime, cutime, cstime are the 12th to 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (pick(Number(entry), Number(fields[1])))
      total += fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / TICKS_PER_SECOND;
  }
  return total;
}

/**
 * Write system calls a process made (syscw in /proc/<pid>/io): each socket write wakes its
 * reader, and the server's writes to PostgreSQL, the model and the sockets are much of its CPU.
 */
function writeCalls(pid: number): number {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return Number(/^syscw: (\d+)$/m.exec(io)?.[1] ?? Number.NaN);
}

/** The postmaster of the cluster `sql` is connected to: its backend's parent. */
async function postmasterOf(sql: postgres.Sql): Promise<number> {
  const [{ pid }] = (await sql`select pg_backend_pid() as pid`) as [{ pid: number }];
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
}

/** CPU ms per item of `run` for the server (if any), PostgreSQL, this process and the sum. */
async function perItem(
  count: number,
  pids: { server: number | null; postmaster: number },
  run: () => Promise<void>,
) {
  const server = () => (pids.server === null ? 0 : cpuSeconds((pid) => pid === pids.server));
  const { postmaster } = pids;
  const pg = () => cpuSeconds((pid, parent) => pid === postmaster || parent === postmaster);
  const [s0, p0, c0] = [server(), pg(), process.cpuUsage()];
  await run();
  const used = process.cpuUsage(c0);
  const [s, p, c] = [server() - s0, pg() - p0, (used.user + used.system) / 1e6];
  const ms = (seconds: number) => ((1000 * seconds) / count).toFixed(2);
  // With no server, this process's postgres.js is what does the server's part.
  const total = (pids.server === null ? c : s) + p;
  return { server: ms(s), postgres: ms(p), client: ms(c), serverAndPostgres: ms(total) };
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
  // Warm-up (WARMUP): connections, prepared statements, JIT.
  await paced(RATE, WARMUP, send);
  await allAnswered(0, WARMUP);
  await sleep(1000);

  const postmaster = await postmasterOf(db.sql);
  const start = nonce;
  const servedBefore = stub.served();
  // Transactions PostgreSQL committed (each autocommit statement is one): what bounds the CPU.
  const commits = async () => {
    const [row] = await db.sql<{ n: string }[]>`
      select xact_commit::text as n from pg_stat_database where datname = current_database()`;
    return Number(row!.n);
  };
  const commitsBefore = await commits();
  const writesBefore = writeCalls(server.pid);
  const pipeline = await perItem(N, { server: server.pid, postmaster }, async () => {
    await paced(RATE, N, send);
    await allAnswered(start, N);
    await sleep(1000); // the delivered and read updates after the last reply
  });
  const writesPerMessage = (writeCalls(server.pid) - writesBefore) / N;
  // pg_stat_database is updated when a backend reports, at most every second or so.
  await sleep(1500);
  const commitsPerMessage = (await commits()) - commitsBefore;
  const completions = stub.served() - servedBefore;

  // The same pace, with the server still up but idle: what it costs to accept, and nothing else.
  const raw = postgres(db.url, { max: 10, onnotice: () => {} });
  const [conversation] = await raw<{ id: number }[]>`select id from conversations limit 1`;
  const baseline = await perItem(N, { server: null, postmaster }, async () => {
    await paced(RATE, N, async () => void (await acceptRaw(raw, ws!.id, conversation!.id, 'raw')));
  });
  // The floor: the customer's line and the bot's reply, each its raw transaction, per message.
  const floor = await perItem(N, { server: null, postmaster }, async () => {
    await paced(RATE, N, async () => {
      await acceptRaw(raw, ws!.id, conversation!.id, 'raw');
      await replyRaw(raw, ws!.id, conversation!.id, 'raw reply');
    });
  });
  await dropRawJobs(raw);
  await raw.end({ timeout: 2 });
  await clients.close();
  await server.stop();

  console.log(`# CPU per answered message (${new Date().toISOString()})\n`);
  console.log(
    `${N} messages at ${RATE}/s over ${VISITORS} widget visitors, each answered through the instant OpenAI stub (${completions} completions) and pushed to the visitor's socket; the raw accept transaction at the same pace after it, in the same run; CPU ms per message from /proc; ${(commitsPerMessage / N).toFixed(1)} PostgreSQL transactions committed per message (pg_stat_database, the benchmark's own reads included); ${writesPerMessage.toFixed(1)} write system calls of the server per message (/proc/<pid>/io)\n`,
  );
  console.log(
    markdownTable(
      [
        'what',
        'server process (raw: its postgres.js)',
        'PostgreSQL (this cluster)',
        'server + PostgreSQL',
        'benchmark process (clients, stub)',
      ],
      [
        [
          'whole pipeline: accept, answer, reply, delivery, events',
          pipeline.server,
          pipeline.postgres,
          pipeline.serverAndPostgres,
          pipeline.client,
        ],
        [
          'baseline: raw accept transaction (insert + add_job)',
          baseline.client,
          baseline.postgres,
          baseline.serverAndPostgres,
          '–',
        ],
        [
          'floor: the raw accept and a raw reply transaction (insert + conversation update)',
          floor.client,
          floor.postgres,
          floor.serverAndPostgres,
          '–',
        ],
      ],
    ),
  );
} finally {
  await stub.close();
  await db.stop();
}
