import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { chatbotTools } from '../../server/db/schema';
import { botMessages, conversationRow, graphOf, publishFlow } from '../factories/flow-run';
import { inboxWorkspace, sendAsCustomer } from '../helpers/inbox';
import { serverForThisFile } from '../helpers/server';
import { eventually, openBotTurns } from '../helpers/worker';
import { workersWithProviders } from './workers';

// Worker processes SIGKILLed in the middle of a flow's step (issue 21): each kill lands while
// every conversation's step waits on its http node, after the engine has gathered the messages
// before it and before save_flow_step wrote any of them. Another worker runs the step again from
// the conversation's node: every node is reached once, in order.
const srv = serverForThisFile();
const { worker } = await workersWithProviders();

/**
 * The http nodes' API on 127.0.0.1, keyed by path: it answers `{"tier": "gold"}`, or holds
 * every call while held, so a test can keep steps in flight as long as it needs.
 */
async function startLookups() {
  const calls = new Map<string, number>();
  const open = new Set<string>();
  let gate: { promise: Promise<void>; open(): void } | null = null;
  const server = createServer(async (req, res) => {
    const key = req.url!;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    open.add(key);
    if (gate) await gate.promise;
    open.delete(key);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ tier: 'gold' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => {
    gate?.open();
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    held: () => open.size,
    hold() {
      let release!: () => void;
      const promise = new Promise<void>((r) => (release = r));
      gate = { promise, open: release };
    },
    release() {
      gate?.open();
      gate = null;
    },
  };
}
const lookups = await startLookups();

/** Two message nodes, two asks, two http nodes between them, an end with a message. */
const shop = graphOf([
  {
    id: 'hello',
    kind: 'message',
    content: { type: 'text', text: 'Welcome to the shop.' },
    next: 'ask-name',
  },
  {
    id: 'ask-name',
    kind: 'ask',
    prompt: 'Your name?',
    variable: 'nome',
    input: 'text',
    next: 'tier',
  },
  {
    id: 'tier',
    kind: 'http',
    method: 'GET',
    url: `${lookups.url}/tier/{{nome}}`,
    timeoutMs: 30_000,
    save: [{ variable: 'tier', path: 'tier' }],
    next: 'greet',
    onError: 'sorry',
  },
  {
    id: 'greet',
    kind: 'message',
    content: { type: 'text', text: 'Hi {{nome}}, you are {{tier}}.' },
    next: 'ask-order',
  },
  {
    id: 'ask-order',
    kind: 'ask',
    prompt: 'Your order?',
    variable: 'pedido',
    input: 'text',
    next: 'stock',
  },
  {
    id: 'stock',
    kind: 'http',
    method: 'GET',
    url: `${lookups.url}/stock/{{pedido}}`,
    timeoutMs: 30_000,
    save: [],
    next: 'noted',
    onError: 'sorry',
  },
  {
    id: 'noted',
    kind: 'message',
    content: { type: 'text', text: 'Order {{pedido}} noted.' },
    next: 'bye',
  },
  { id: 'bye', kind: 'end', message: 'Bye {{nome}}.' },
  { id: 'sorry', kind: 'handoff', reason: 'lookup failed' },
]);

const CUSTOMERS = 8;

describe('worker processes killed mid flow step', () => {
  it('reach every node once and in order', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const { chatbot } = await publishFlow(ws.bot.id, shop);
    // The chatbot's custom tools name the hosts its http nodes may reach at a private address.
    await db.insert(chatbotTools).values({
      workspaceId: chatbot.workspaceId,
      chatbotId: chatbot.id,
      name: 'lookups',
      description: 'Lookups',
      parameters: { type: 'object' },
      urlTemplate: `${lookups.url}/x`,
      allowedHosts: ['127.0.0.1'],
    });
    const customers = Array.from({ length: CUSTOMERS }, (_, n) => ({ id: `visitor-kill-${n}`, n }));
    const uuids = new Map<string, string>();
    const say = async (externalUserId: string, content: string) => {
      const res = await sendAsCustomer(srv.url, ws.admin, {
        chatbotId: ws.bot.id,
        externalUserId,
        content,
      });
      expect(res.status).toBe(202);
      uuids.set(externalUserId, res.body.data.conversation.id);
    };
    const everyoneHas = (n: number) =>
      eventually(async () => {
        if ((await openBotTurns()) > 0) return false;
        for (const uuid of uuids.values()) {
          const c = await conversationRow(uuid);
          if ((await botMessages(c.id)).length < n) return false;
        }
        return true;
      }, 45_000);
    /**
     * Every customer writes while the http node holds; once each step waits on it the worker
     * that runs them all is killed, and the next (started meanwhile, with no turn to take) runs
     * them again after the dead one's turns are freed.
     */
    const killMidStep = async (
      victim: Awaited<ReturnType<typeof worker>>,
      text: (n: number) => string,
    ) => {
      lookups.hold();
      await Promise.all(customers.map((c) => say(c.id, text(c.n))));
      await eventually(async () => lookups.held() === CUSTOMERS, 30_000);
      const next = await worker();
      victim.child.kill('SIGKILL');
      lookups.release();
      return next;
    };

    const first = await worker();
    await Promise.all(customers.map((c) => say(c.id, 'hi')));
    await everyoneHas(2);
    const second = await killMidStep(first, (n) => `Ana${n}`);
    await everyoneHas(4);
    await killMidStep(second, (n) => `pizza${n}`);
    await everyoneHas(6);

    for (const { id, n } of customers) {
      const c = await conversationRow(uuids.get(id)!);
      const sent = await botMessages(c.id);
      expect(sent.map((m) => (m.content as { text: string }).text)).toEqual([
        'Welcome to the shop.',
        'Your name?',
        `Hi Ana${n}, you are gold.`,
        'Your order?',
        `Order pizza${n} noted.`,
        `Bye Ana${n}.`,
      ]);
      expect(c.currentNodeId).toBe('bye');
      // Each http node was called by the killed worker and once more by the one after it.
      expect(lookups.calls.get(`/tier/Ana${n}`)).toBe(2);
      expect(lookups.calls.get(`/stock/pizza${n}`)).toBe(2);
    }
    expect(await openBotTurns()).toBe(0);
  }, 90_000);
});
