/**
 * Where an inbox list request's time goes beyond its statement (issue 4's 1.5× target): the
 * same page as the raw statement, through a bare node:http server around that statement,
 * through a bare node:http server calling authenticate() and the service, through express
 * with only that route, and through the app.
 *
 *   npx tsx scripts/bench/inbox-http.ts [--view 002|mine] [--conversations 20000]
 *                                       [--iterations 1000]
 *
 * The columns alternate call by call, so drift on the machine falls on all of them alike.
 * Bodies are read whole as text (no column parses JSON). Results: docs/performance.md.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import express from 'express';
import { seedInbox } from './inbox-seed';
import {
  type BenchUser,
  captureAppQueries,
  getText,
  markdownTable,
  measureInterleaved,
  ms,
  ratio,
  runCaptured,
  startBenchStack,
  summarize,
} from './lib';

const { values: args } = parseArgs({
  options: {
    view: { type: 'string', default: '002' },
    conversations: { type: 'string', default: '20000' },
    iterations: { type: 'string', default: '1000' },
  },
});
const CONVERSATIONS = Math.min(1_000_000, Math.max(1_000, Number(args.conversations)));
const ITERATIONS = Math.min(20_000, Math.max(50, Number(args.iterations)));

async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function main() {
  const stack = await startBenchStack();
  try {
    const { sql, admin } = stack;
    const { agents, supervisor } = await seedInbox(sql, admin.workspaceId, CONVERSATIONS, 20);
    const { listBotInbox } = await import('../../server/contracts/bot-inbox/list');
    const { listConversations } = await import('../../server/services/conversations/list');
    const { authenticate, bearerToken } = await import('../../server/auth/authenticate');
    const { actorOf, json, requireAuth } = await import('../../server/contracts/common/handler');
    const { createApp } = await import('../../server/http/app');

    const botInbox = args.view !== 'mine';
    const user: BenchUser = botInbox ? supervisor : agents[0]!;
    const route = botInbox ? '/api/conversations' : '/conversations';
    const query: Record<string, string> = botInbox
      ? { status: 'active', limit: '50' }
      : { limit: '20' };
    const path = `${route}?${new URLSearchParams(query)}`;
    const service = (actor: { userId: number; workspaceId: number; role: BenchUser['role'] }) =>
      botInbox ? listBotInbox(actor, query) : listConversations(actor, query);
    const token = await stack.tokenFor(user);
    const actor = { userId: user.id, workspaceId: user.workspaceId, role: user.role };
    await service(actor); // warm the pool's connections before capturing
    const queries = (await captureAppQueries(() => service(actor))).filter((q) => q.string.trim());

    const bareSql = await listen(async (_req, res) => {
      const [rows] = await runCaptured(sql, queries);
      res.setHeader('content-type', 'application/json');
      // Seed 002's statement answers the page; seed 003's a row each.
      res.end(botInbox ? String(rows![0]![0]) : `[${rows!.map((r) => String(r[0])).join(',')}]`);
    });
    const bareService = await listen(async (req, res) => {
      const { actor: caller } = await authenticate(bearerToken(req.headers.authorization) ?? '');
      res.setHeader('content-type', 'application/json');
      res.end((await service(caller)).text);
    });
    const oneRoute = express();
    oneRoute.set('etag', false);
    oneRoute.get(
      route,
      requireAuth,
      json((_req, res) => service(actorOf(res))),
    );
    const expressUrl = await listen(oneRoute);
    const appUrl = await listen(
      createApp({ ready: true, database: 'up', worker: 'disabled' }) as RequestListener,
    );

    const columns: [string, () => Promise<unknown>][] = [
      ['the statement (postgres.js)', () => runCaptured(sql, queries)],
      ['node:http around the statement', () => getText(`${bareSql}${path}`, token)],
      ['node:http: authenticate(), the service', () => getText(`${bareService}${path}`, token)],
      ['express, this route only', () => getText(`${expressUrl}${path}`, token)],
      ['the app (server/http/app.ts)', () => getText(`${appUrl}${path}`, token)],
    ];
    const samples = await measureInterleaved(
      columns.map(([, fn]) => fn),
      { iterations: ITERATIONS, warmup: 50, rounds: ITERATIONS },
    );
    const stats = samples.map((s) => summarize(s));
    const base = stats[0]!;
    console.log(
      `# ${botInbox ? 'Bot inbox (seed 002) first page' : 'CRM (seed 003) "mine"'}, ${CONVERSATIONS.toLocaleString('en')} conversations, ${ITERATIONS} calls per column, alternated (${new Date().toISOString()})\n`,
    );
    console.log(
      markdownTable(
        ['through', 'p50', 'p95', 'p99', '×SQL p50', '×SQL p95'],
        columns.map(([name], i) => [
          name,
          ms(stats[i]!.p50),
          ms(stats[i]!.p95),
          ms(stats[i]!.p99),
          ratio(stats[i]!.p50, base.p50),
          ratio(stats[i]!.p95, base.p95),
        ]),
      ),
    );
  } finally {
    await stack.stop();
  }
}

await main();
