import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { useOpenAI } from '../helpers/worker';
import { completion, openaiHandler } from '../mocks/openai';
import { mockServer } from '../mocks/server';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { screenshotFailures } from './inbox-fixtures';
import { storedVisitor } from './widget-page';

let e2e: E2E;
let agentPage: Page;
let customerPage: Page;
let current: Page | undefined;
let agent: User;
let bot: { id: string; publicKey: string };
let ordersApi: Server;

beforeAll(async () => {
  // The business's orders API, on this machine: A1 is shipped, any other order is unknown.
  ordersApi = createServer((req, res) => {
    const known = req.url === '/orders/A1';
    res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(known ? { state: 'shipped' } : { message: 'no such order' }));
  });
  await new Promise<void>((r) => ordersApi.listen(0, '127.0.0.1', r));
  const port = (ordersApi.address() as AddressInfo).port;

  e2e = await startE2E();
  const { admin } = await makeWorkspace();
  agent = await makeUser(admin.workspaceId, { role: 'agent', name: 'Ana Lima' });
  bot = await callerFor(admin).chatbots.create({ name: 'Orders bot' });
  await callerFor(admin).botTools.create({
    chatbotId: bot.id,
    name: 'order_status',
    description: 'Where an order is, by its number.',
    parameters: {
      type: 'object',
      properties: { orderId: { type: 'string' } },
      required: ['orderId'],
    },
    urlTemplate: `http://localhost:${port}/orders/{orderId}`,
    allowedHosts: ['localhost'],
  });
  agentPage = await e2e.newPage();
  customerPage = await e2e.newPage();
});
afterAll(async () => {
  useOpenAI(false);
  await e2e?.close();
  await new Promise<void>((r) => ordersApi.close(() => r()));
});
screenshotFailures(() => current);

/**
 * The model as OpenAI answers: asked about an order number, it calls order_status with it;
 * given the tool's result, it says what the result said.
 */
const modelUsingTheTool = () =>
  openaiHandler((body) => {
    const last = body.messages.at(-1)!;
    if (last.role === 'tool') {
      const result = JSON.parse(last.content!) as { ok: boolean; data?: { state?: string } };
      return completion(
        result.ok ? `Your order is ${result.data!.state}.` : 'I could not find that order.',
      );
    }
    const order = /order ([A-Z]\d)/.exec(last.content ?? '')?.[1];
    if (order) return completion(null, [{ name: 'order_status', arguments: { orderId: order } }]);
    return completion('Hello! How can I help?');
  });

const widget = () => customerPage.getByRole('dialog', { name: 'Chat' });
async function customerSays(text: string) {
  await widget().getByLabel('Message').fill(text);
  await widget().getByLabel('Message').press('Enter');
}
const thread = () => agentPage.getByRole('log', { name: 'Messages' });
const toolLine = (tool: string) => thread().getByRole('note', { name: `Tool call ${tool}` });
describe('the bot’s tool calls in the console thread', () => {
  it('shows each call to agents, live and after a reload, and never to the customer', async () => {
    useOpenAI(true);
    mockServer.use(modelUsingTheTool());
    current = customerPage;
    await customerPage.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
    await customerPage.getByRole('button', { name: 'Open chat' }).click();
    await customerSays('hi');
    await widget().getByText('Hello! How can I help?').waitFor();
    const { externalUserId } = await storedVisitor(customerPage, bot.publicKey);
    const [conversation] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.externalUserId, externalUserId))
      .orderBy(desc(conversations.id))
      .limit(1);

    current = agentPage;
    await signIn(agentPage, e2e.url, agent);
    await agentPage.goto(`${e2e.url}/inbox/${conversation!.id}`);
    await thread().getByText('Hello! How can I help?').waitFor();
    await expect(thread().getByRole('note').count()).resolves.toBe(0);

    // Live: the agent's open thread draws the call as the bot makes it.
    await customerSays('where is my order A1?');
    await toolLine('order_status').waitFor({ timeout: 15_000 });
    await expect(toolLine('order_status').textContent()).resolves.toMatch(
      /^Tool order_status · ok · HTTP 200 · \d+ ms$/,
    );
    await thread().getByText('Your order is shipped.').waitFor();
    await customerSays('and my order B2?');
    await thread().getByText('I could not find that order.').waitFor({ timeout: 15_000 });
    await expect(toolLine('order_status').nth(1).textContent()).resolves.toMatch(
      /^Tool order_status · failed · HTTP 404 · \d+ ms$/,
    );
    await screenshot(agentPage, 'thread-tool-calls');

    // After a reload: the same lines, each before the reply it was made for.
    await agentPage.reload();
    await thread().getByText('I could not find that order.').waitFor();
    // The calls are read beside the thread, not before it: they may be drawn a moment later.
    await toolLine('order_status').nth(1).waitFor();
    await expect(toolLine('order_status').count()).resolves.toBe(2);
    const text = await thread().textContent();
    const at = (s: string) => text!.indexOf(s);
    expect(at('where is my order A1?')).toBeLessThan(at('ok · HTTP 200'));
    expect(at('ok · HTTP 200')).toBeLessThan(at('Your order is shipped.'));
    expect(at('and my order B2?')).toBeLessThan(at('failed · HTTP 404'));
    expect(at('failed · HTTP 404')).toBeLessThan(at('I could not find that order.'));

    // The customer read the answers and nothing of the calls.
    current = customerPage;
    await widget().getByText('I could not find that order.').waitFor();
    const seen = (await widget().textContent()) ?? '';
    expect(seen).toContain('Your order is shipped.');
    expect(seen).not.toMatch(/order_status|HTTP 200|HTTP 404|Tool/);
  });
});
