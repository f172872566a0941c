import { describe, expect, it } from 'vitest';
import { serverForThisFile } from '../helpers/server';
import { eventually } from '../helpers/worker';
import { allSettled, answersIn, whatsappLine } from './line';
import { repeated } from './stand-ins';
import { sleep, workersWithProviders } from './workers';

const srv = serverForThisFile();
const { providers, worker } = await workersWithProviders();

describe('workers beside each other with a slow provider', () => {
  it('never take a running model call or send from the live worker running it', async () => {
    const line = await whatsappLine(srv.url, providers);
    await worker();
    providers.hold();
    const texts = ['where is my order?', 'cancel it, please', 'I want a refund'];
    for (const [i, text] of texts.entries())
      expect(await line.customerWrites(`55119999900${i}`, text)).toBe(200);
    await eventually(async () => providers.model.inFlight() === texts.length);
    // A second worker starts (its start-up sweep runs before it is healthy) and the model calls
    // are held past the time a silent worker counts as dead, across several periodic sweeps.
    await worker();
    await sleep(8_000);
    providers.release();
    providers.hold();
    await eventually(async () => providers.sends.inFlight() === texts.length);
    await worker();
    await sleep(3_000);
    providers.release();

    const answers = await eventually(async () => {
      const a = await answersIn(line.workspaceId);
      return allSettled(a) && a;
    });
    console.log(
      `model calls ${[...providers.model.calls.values()]}, overlapping ${providers.model.overlapping}; ` +
        `sends ${[...providers.sends.calls.values()]}, overlapping ${providers.sends.overlapping}`,
    );
    expect(repeated(providers.model)).toEqual([]);
    expect(repeated(providers.sends)).toEqual([]);
    expect([providers.model.overlapping, providers.sends.overlapping]).toEqual([0, 0]);
    expect(answers.map((a) => [a.text, a.replies, a.status])).toEqual(
      texts.map((t) => [t, 1, 'sent']),
    );
    expect([...providers.sends.calls.keys()].sort()).toEqual(texts.map((t) => `Re: ${t}`).sort());
  }, 60_000);
});
