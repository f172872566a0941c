import { describe, expect, it } from 'vitest';
import { serverForThisFile } from '../helpers/server';
import { eventually, openBotTurns } from '../helpers/worker';
import { allSettled, answersIn, whatsappLine } from './line';
import { workersWithProviders } from './workers';

const srv = serverForThisFile();
const { providers, worker } = await workersWithProviders();

describe('a worker killed with a completion in flight', () => {
  it('has the reply written once, by another worker', async () => {
    const line = await whatsappLine(srv.url, providers);
    const first = await worker();
    providers.hold();
    expect(await line.customerWrites('5511988877001', 'where is my parcel?')).toBe(200);
    await eventually(async () => providers.model.inFlight() === 1);
    first.child.kill('SIGKILL');
    // The dead worker's call ends unanswered; the turn is still in the table, run by nobody.
    providers.release();
    expect(await openBotTurns()).toBe(1);
    await worker();
    const answers = await eventually(async () => {
      const a = await answersIn(line.workspaceId);
      return allSettled(a) && (await openBotTurns()) === 0 && a;
    }, 30_000);
    expect(answers.map((a) => [a.text, a.replies, a.status])).toEqual([
      ['where is my parcel?', 1, 'sent'],
    ]);
    // Asked twice (the first call died with its worker), sent once.
    expect(providers.model.calls.get('where is my parcel?')).toBe(2);
    expect([...providers.sends.calls.values()]).toEqual([1]);
  }, 60_000);
});
