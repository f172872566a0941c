/**
 * The pipeline benchmark's `bot` mode (issue 19): does the bot answer in the model's time at
 * any load? At each rate, widget visitors send for a while at that pace (each visitor at most
 * once every `1000 × visitors / rate` ms, two seconds by default, so the benchmark itself sends
 * no bursts that the server would rightly answer as one turn); every reply frame is credited to
 * each message it names. Beside it the model's own latency as the stub measured it over the same
 * window, and, first on a caught-up system, the raw accept transaction at the same pace.
 */
import { markdownTable, ms, paced, summarize } from './lib';
import { answeredTwice, replyAt, type Visitor } from './pipeline-clients';
import { latencyRow } from './pipeline-inbox';
import type { PipelineRun, Sent } from './pipeline-run';

const now = () => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** Visitors at `rate` messages/s: at least 150 (the floor), each writing every 2 s. */
export const visitorsFor = (rate: number, fixed: number | null) => fixed ?? Math.max(150, 2 * rate);

export interface RateFigures {
  rate: number;
  visitors: number;
  /** The bot's work left when the rate began (0 unless the previous one never caught up). */
  backlogAtStart: number;
  nonces: string[];
  rejected: number;
  lag: number;
  accept: number[];
  reply: number[];
  /** Messages with no reply frame `replyWait` ms after the last send. */
  missing: number;
  model: number[];
  completions: number;
  raw: number[];
}

interface Stub {
  latencies: number[];
  served(): number;
}

export async function botSweep(
  run: PipelineRun,
  base: string,
  visitors: Visitor[],
  stub: Stub,
  o: { rates: number[]; seconds: number; fixedVisitors: number | null; replyWaitMs: number },
): Promise<RateFigures[]> {
  const out: RateFigures[] = [];
  for (const rate of o.rates) {
    const count = Math.min(visitors.length, visitorsFor(rate, o.fixedVisitors));
    await run.drain({ lenient: true });
    const backlogAtStart = await run.workLeft();

    const raw: number[] = [];
    await paced(rate, rate * o.seconds, async () => {
      const t = now();
      await run.acceptRaw();
      raw.push(now() - t);
    });
    await run.dropRawJobs();

    const [modelFrom, servedFrom] = [stub.latencies.length, stub.served()];
    const sends: Sent[] = [];
    let rejected = 0;
    // A send the server refuses under load is a figure of the run, not the end of it.
    const p = await paced(rate, rate * o.seconds, (i) =>
      run.send(base, visitors[i % count]!).then(
        (s) => void sends.push(s),
        () => void rejected++,
      ),
    );
    for (let waited = 0; waited < o.replyWaitMs; waited += 100) {
      if (sends.every((s) => replyAt.has(s.n))) break;
      await sleep(100);
    }
    const reply = sends.flatMap((s) => {
      const at = replyAt.get(s.n);
      return at === undefined ? [] : [at - s.sent];
    });
    out.push({
      rate,
      visitors: count,
      backlogAtStart,
      nonces: sends.map((s) => s.n),
      rejected,
      lag: p.maxLag,
      accept: sends.map((s) => s.accepted - s.sent),
      reply,
      missing: sends.length - reply.length,
      model: stub.latencies.slice(modelFrom),
      completions: stub.served() - servedFrom,
      raw,
    });
    console.error(`bot at ${rate} msg/s done`);
  }
  return out;
}

/**
 * A summary row per rate, then per rate the latencies from send and the model's. Duplicates are
 * counted now, at the end of the run, so replies that came late still count.
 */
export function botTables(figures: RateFigures[], replyWaitMs: number): string {
  const summary = markdownTable(
    [
      'msg/s',
      'visitors',
      'accepted',
      'refused',
      `without a reply after ${replyWaitMs / 1000} s`,
      'answered twice',
      'completions at the stub',
      'reply p50 / p95 / p99 ms',
      'model p50 / p95 / p99 ms',
      'max start lag ms',
      'bot work left at start',
    ],
    figures.map((f) => {
      const [r, m] = [summarize(f.reply), summarize(f.model)];
      return [
        f.rate,
        f.visitors,
        f.nonces.length,
        f.rejected,
        f.missing,
        answeredTwice(f.nonces),
        f.completions,
        `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)}`,
        `${ms(m.p50)} / ${ms(m.p95)} / ${ms(m.p99)}`,
        ms(f.lag),
        f.backlogAtStart,
      ];
    }),
  );
  const perRate = figures.map(
    (f) =>
      `\n### ${f.rate} messages/s\n\n${markdownTable(
        ['from … to …', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        [
          latencyRow('send → 202 response (accepted)', summarize(f.accept)),
          latencyRow("send → the bot's reply frame on the widget socket", summarize(f.reply)),
          latencyRow('the model: request → response, at the stub', summarize(f.model)),
          latencyRow('baseline: raw accept transaction', summarize(f.raw)),
        ],
      )}`,
  );
  return [summary, ...perRate].join('\n');
}
