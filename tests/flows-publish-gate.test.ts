import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { chatbots, chatbotTools } from '../server/db/schema';
import { createCase, deleteCase, updateSettings } from '../server/services/bot-tests/cases';
import type { Expectation } from '../server/services/bot-tests/definitions';
import { makeChatbot } from './factories/chatbot';
import { type NodeInput, saveFlow } from './factories/flow';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';

// Publishing can require the bot's test suite to pass (issue 21): the gate refuses an empty
// suite and a failing one, lets a passing one through and, since the suite runs before the
// publish's transaction, refuses a draft changed while the suite ran instead of publishing it
// untested.

/** The shop's order API, on this machine: each test says what it answers. */
let answer: () => Promise<{ status: string }>;
let shop: Server;
let port: number;
beforeAll(async () => {
  shop = createServer((_req, res) => {
    void answer().then((body) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
  port = (shop.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => shop.close(() => r())));
const status = (s: string) => (answer = async () => ({ status: s }));

/** Ask the order, look it up in the shop's API, tell its status. */
const orderFlow = (): NodeInput[] => [
  {
    id: 'ask-order',
    kind: 'ask',
    prompt: 'Pedido?',
    variable: 'pedido',
    input: 'text',
    next: 'lookup',
  },
  {
    id: 'lookup',
    kind: 'http',
    method: 'GET',
    url: `http://127.0.0.1:${port}/orders/{{pedido}}`,
    save: [{ variable: 'status', path: 'status' }],
    next: 'tell',
    onError: 'sorry',
  },
  { id: 'tell', kind: 'end', message: 'Seu pedido está {{status}}.' },
  { id: 'sorry', kind: 'handoff', reason: 'lookup failed' },
];

async function gatedBot() {
  const { admin } = await makeWorkspace();
  const bot = await makeChatbot(admin, { aiEnabled: false });
  await saveFlow(admin, bot.id, orderFlow());
  // The shop's API is on a private address: the chatbot's tools allow its host.
  const [row] = await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id));
  await db.insert(chatbotTools).values({
    workspaceId: row!.workspaceId,
    chatbotId: row!.id,
    name: 'orders',
    description: 'Orders',
    parameters: { type: 'object' },
    urlTemplate: `http://127.0.0.1:${port}/orders`,
    allowedHosts: ['127.0.0.1'],
  });
  const actor = actorOf(admin);
  await updateSettings(actor, bot.id, { requireTestsToPublish: true });
  const as = callerFor(admin);
  return {
    actor,
    addCase: (name: string, expectations: Expectation[]) =>
      createCase(actor, bot.id, {
        name,
        script: { kind: 'scripted', turns: [{ text: 'oi' }, { text: '42' }] },
        expectations,
        allowHttp: true,
      }),
    publish: () => as.flows.publish({ chatbotId: bot.id }),
    versions: async () => (await as.flows.get({ chatbotId: bot.id })).versions,
    require: (on: boolean) => updateSettings(actor, bot.id, { requireTestsToPublish: on }),
    /** An edit in the editor: the same graph, saved again. */
    editDraft: () => saveFlow(admin, bot.id, orderFlow()),
  };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? { code: e.code, message: e.message } : e),
  );

describe('the publish gate', () => {
  it('refuses an empty suite and a failing case by name, and publishes once the suite passes', async () => {
    status('no forno');
    const { actor, addCase, publish, versions } = await gatedBot();
    expect(await refusal(publish())).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/has no test case/),
    });

    await addCase('tells the status', [{ kind: 'reply_contains', text: 'no forno' }]);
    const failing = await addCase('hands off', [{ kind: 'handed_off', value: true }]);
    expect(await refusal(publish())).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/1 of 2 cases fail: hands off: /),
    });
    expect(await versions()).toHaveLength(0);

    await deleteCase(actor, failing.id);
    expect((await publish()).published.version).toBe(1);
    expect(await versions()).toHaveLength(1);
  });

  it('holds no lock while the suite runs, and refuses a draft edited meanwhile', async () => {
    const { addCase, publish, versions, editDraft } = await gatedBot();
    // The suite's HTTP call is where the editor saves: with the gate inside the publish's
    // transaction this save would wait for the publish, and the untested draft would go live.
    let edited = false;
    answer = async () => {
      if (!edited) {
        edited = true;
        await editDraft();
      }
      return { status: 'pronto' };
    };
    await addCase('tells the status', [{ kind: 'reply_contains', text: 'pronto' }]);
    expect(await refusal(publish())).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed while it was being checked/),
    });
    expect(await versions()).toHaveLength(0);
    // Published again, the suite runs on the draft as it is now.
    expect((await publish()).published.version).toBe(1);
  });

  it('lets a failing suite publish when the chatbot does not require it', async () => {
    status('no forno');
    const { addCase, publish, require } = await gatedBot();
    await addCase('hands off', [{ kind: 'handed_off', value: true }]);
    expect(await refusal(publish())).toMatchObject({ code: 'BAD_REQUEST' });
    await require(false);
    expect((await publish()).published.version).toBe(1);
  });
});
