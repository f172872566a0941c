/**
 * Two modes of the pipeline benchmark (issue 5): `accept`, accepted messages/s in a closed loop
 * of N concurrent clients, and `inbox`, a paced rate from send to the 202, to the message event
 * on the agent's inbox subscription and to the bot's reply frame on the widget socket. Beside
 * each, round by round, the raw accept transaction at the same concurrency or pace.
 */
import { closedLoop, markdownTable, ms, paced, ratio, type Stats, summarize } from './lib';
import { inboxAt, replyAt, type Visitor } from './pipeline-clients';
import type { PipelineRun, Sent } from './pipeline-run';

const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

export interface Level {
  n: number;
  s: number;
  lat: number[];
}
export type Throughput = Map<number, { perSecond: number; stats: Stats }>;

/**
 * Closed loop at each level, `rounds` × (HTTP, raw); worker k sends as visitor k. The raw
 * side's samples add up in `rawSamples` across topologies. `worker`: whether one answers (if
 * not, there is nothing to wait for between rounds).
 */
export async function acceptThroughput(
  run: PipelineRun,
  base: string,
  visitors: Visitor[],
  worker: boolean,
  o: { levels: number[]; rounds: number; messages: number; rawSamples: Map<number, Level> },
): Promise<Throughput> {
  const out: Throughput = new Map();
  const drain = () => (worker ? run.drain() : Promise.resolve());
  for (const level of o.levels) {
    const http: Level = { n: 0, s: 0, lat: [] };
    const baseline = o.rawSamples.get(level) ?? { n: 0, s: 0, lat: [] };
    for (let r = 0; r < o.rounds; r++) {
      await drain();
      const h = await closedLoop(level, o.messages, (_, k) => run.send(base, visitors[k]!));
      Object.assign(http, { n: http.n + o.messages, s: http.s + h.seconds });
      http.lat.push(...h.samples);
      await drain();
      const b = await closedLoop(level, o.messages, () => run.acceptRaw());
      Object.assign(baseline, { n: baseline.n + o.messages, s: baseline.s + b.seconds });
      baseline.lat.push(...b.samples);
      await run.dropRawJobs();
    }
    o.rawSamples.set(level, baseline);
    out.set(level, { perSecond: http.n / http.s, stats: summarize(http.lat) });
    console.error(`throughput at ${level} (worker ${worker}) done`);
  }
  return out;
}

export interface InboxLatency {
  accept: number[];
  inbox: number[];
  reply: number[];
  raw: number[];
  missing: number;
  lag: number;
}

/** `rate` messages/s for `seconds`, round-robin over the visitors; `rounds` × (HTTP, raw). */
export async function inboxLatency(
  run: PipelineRun,
  base: string,
  visitors: Visitor[],
  o: { rate: number; seconds: number; rounds: number },
): Promise<InboxLatency> {
  const lat: InboxLatency = { accept: [], inbox: [], reply: [], raw: [], missing: 0, lag: 0 };
  for (let r = 0; r < o.rounds; r++) {
    await run.drain();
    const sends: Sent[] = [];
    const p = await paced(o.rate, o.rate * o.seconds, async (i) => {
      sends.push(await run.send(base, visitors[i % visitors.length]!));
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
    await run.drain();
    await paced(o.rate, o.rate * o.seconds, async () => {
      const t = now();
      await run.acceptRaw();
      lat.raw.push(now() - t);
    });
    await run.dropRawJobs();
    console.error(`paced round ${r + 1} done`);
  }
  return lat;
}

/** The closed-loop table: each topology's HTTP msg/s beside the API alone and the raw side. */
export function acceptTable(
  levels: number[],
  withWorker: { label: string; throughput: Throughput }[],
  apiOnly: Throughput | null,
  rawSamples: Map<number, Level>,
): string {
  return markdownTable(
    [
      'concurrent clients',
      ...withWorker.map((r) => `HTTP msg/s (${r.label})`),
      ...(apiOnly ? ['HTTP msg/s (API process, no worker)'] : []),
      'raw accept msg/s',
      'raw / best HTTP with a worker',
      ...(apiOnly ? ['HTTP p50 / p99 ms (no worker)'] : []),
      'raw p50 / p99 ms',
    ],
    levels.map((level) => {
      const perSecond = withWorker.map((r) => r.throughput.get(level)!.perSecond);
      const a = apiOnly?.get(level);
      const b = rawSamples.get(level)!;
      const bs = summarize(b.lat);
      return [
        level,
        ...perSecond.map(Math.round),
        ...(a ? [Math.round(a.perSecond)] : []),
        Math.round(b.n / b.s),
        perSecond.length ? ratio(b.n / b.s, Math.max(...perSecond)) : '–',
        ...(a ? [`${ms(a.stats.p50)} / ${ms(a.stats.p99)}`] : []),
        `${ms(bs.p50)} / ${ms(bs.p99)}`,
      ];
    }),
  );
}

export const latencyRow = (label: string, s: Stats) => [
  label,
  s.n,
  ...[s.p50, s.p95, s.p99, s.max].map(ms),
];

/** One topology's paced latencies, as the table the performance doc shows. */
export function inboxTable(l: InboxLatency): string {
  return markdownTable(
    ['from send to …', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    [
      latencyRow('202 response (accepted)', summarize(l.accept)),
      latencyRow('message event on the inbox subscription', summarize(l.inbox)),
      latencyRow("bot's reply frame on the widget socket", summarize(l.reply)),
      latencyRow('baseline: raw accept transaction', summarize(l.raw)),
    ],
  );
}
