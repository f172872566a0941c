import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import type { ServerProcess } from '../helpers/process';
import { serverForThisFile } from '../helpers/server';
import { eventually, openBotTurns, pendingJobs } from '../helpers/worker';
import { allSettled, answersIn, whatsappLine } from './line';
import { repeated } from './stand-ins';
import { sleep, workersWithProviders } from './workers';

const srv = serverForThisFile();
// Slow enough that every kill catches model calls and sends in flight.
const { providers, worker } = await workersWithProviders({ modelMs: 400, sendMs: 400 });

const replyJobs = async () => (await openBotTurns()) + (await pendingJobs('outgoing-message'));

const CUSTOMERS = 20;
const KILLS = 3;

describe('worker processes killed under load', () => {
  it('lose nothing, send nothing twice, and leave nothing locked', async () => {
    const line = await whatsappLine(srv.url, providers);
    const live = await Promise.all([worker(), worker()]);
    const started = Date.now();
    let accepted = 0;
    let refused = 0;
    let killing = true;
    // Customers write in turn until the last kill.
    const load = (async () => {
      for (let n = 0; killing; n++) {
        const status = await line.customerWrites(`5521988000${n % CUSTOMERS}`, `message ${n}`);
        if (status === 200) accepted++;
        else refused++;
        await sleep(100);
      }
    })();
    // Every few seconds the oldest worker is killed and a replacement starts beside the rest
    // (one always survives: starting a process can take longer than that here).
    let lastKill = 0;
    const replacements: Promise<ServerProcess>[] = [];
    for (let k = 0; k < KILLS; k++) {
      await sleep(2_500);
      await eventually(async () => live.length > 1);
      const victim = live.shift()!;
      victim.child.kill('SIGKILL');
      lastKill = Date.now();
      const next = worker();
      replacements.push(next);
      void next.then((w) => live.push(w));
    }
    killing = false;
    await load;
    await Promise.all(replacements);

    const answers = await eventually(async () => {
      const a = await answersIn(line.workspaceId);
      return allSettled(a) && (await replyJobs()) === 0 && a;
    }, 60_000);
    const drained = Date.now();
    const settled = Math.max(...answers.map((a) => a.settledAt ?? 0));
    const unknown = answers.filter((a) => a.errorCode === 'outcome_unknown').length;
    console.log(
      `sent ${accepted + refused}, accepted ${accepted}, refused ${refused}; ` +
        `answered once ${answers.filter((a) => a.replies === 1).length}, ` +
        `delivered ${answers.filter((a) => a.status === 'sent').length}, outcome unknown ${unknown}; ` +
        `duplicate sends ${repeated(providers.sends).length}, ` +
        `model calls repeated ${repeated(providers.model).length} (overlapping ${providers.model.overlapping}); ` +
        `after the last kill (${lastKill - started} ms in): last reply settled ${settled - lastKill} ms, ` +
        `reply jobs drained ${drained - lastKill} ms`,
    );
    expect(refused).toBe(0);
    expect(answers).toHaveLength(accepted);
    expect(answers.filter((a) => a.replies !== 1)).toEqual([]);
    expect(repeated(providers.sends)).toEqual([]);
    expect(providers.model.overlapping).toBe(0);
    // A send cut off by a kill is failed for an operator to decide, never sent again.
    expect(answers.filter((a) => a.status !== 'sent' && a.errorCode !== 'outcome_unknown')).toEqual(
      [],
    );
    // Every reply that is sent went through the bridge (lines that joined a turn share one).
    const sentReplies = (await db.execute(sql`select count(*)::int as n from messages
      where workspace_id = ${line.workspaceId} and origin = 'bot' and status = 'sent'`)) as unknown as [
      { n: number },
    ];
    expect(sentReplies[0].n).toBeGreaterThan(0);
    expect(providers.sends.calls.size).toBeGreaterThanOrEqual(sentReplies[0].n);
  }, 90_000);
});
