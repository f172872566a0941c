import type { Duplex } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import { windowClosed } from '../../server/jobs/tasks/window-closed';
import { callerFor, makeUser, makeWorkspace, tokenFor } from '../helpers/factories';
import { api } from '../helpers/server';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, signIn, startE2E } from './console';

let e2e: E2E;
let page: Page;
let admin: User;
let agent: User;
let teammate: User;
let bot: { id: string; publicKey: string };
let widget: { token: string; externalUserId: string };
let conversationUuid: string;

const FAQ_ANSWER = 'Plans start at $9.90 a month, and the first week is free.';

beforeAll(async () => {
  e2e = await startE2E();
  const made = await makeWorkspace();
  const workspace = made.workspace;
  admin = made.admin;
  agent = await makeUser(workspace.id, { role: 'agent', name: 'Ana Lima' });
  teammate = await makeUser(workspace.id, { role: 'agent', name: 'Bruno Costa' });
  const adminApi = callerFor(admin);
  bot = await adminApi.chatbots.create({
    name: 'Support bot',
    faq: [{ keywords: ['price', 'cost'], answer: FAQ_ANSWER }],
  });
  const session = await api(e2e.url, 'POST', '/widget/session', {
    body: { publicKey: bot.publicKey },
  });
  expect(session.status).toBe(201);
  widget = session.body;
  // The customer is already known to the CRM: the side panel shows their tag and account.
  const vip = await adminApi.tags.create({ name: 'VIP', color: '#7A5AF8' });
  const server = await adminApi.catalog.create({ kind: 'server', name: 'BR-1' });
  const contact = await adminApi.contacts.create({
    external_id: widget.externalUserId,
    name: 'Maria Silva',
    phone_number: '+5511987654321',
    tag_ids: [vip.id],
  });
  await adminApi.accounts.create({
    contact_id: contact.id,
    username_final: 'maria.silva',
    password_final: 'not-shown-anywhere',
    server_id: server.id,
    date_exp: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
  });
  // Every /trpc socket the browser opens, so a test can cut them; while `down`, none opens.
  e2e.server.server.prependListener('upgrade', (req, socket: Duplex) => {
    if (!req.url?.startsWith('/trpc')) return;
    if (network.down) socket.destroy();
    else network.sockets.add(socket);
  });
  page = await e2e.newPage();
});

const network = { down: false, sockets: new Set<Duplex>() };

afterAll(() => e2e?.close());

// What the browser showed when a step failed, beside the other screenshots.
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) {
    await screenshot(page, `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  }
});

/** A widget client on the /messages gateway, following the conversation. */
async function gatewayClient(conversationId: string) {
  const ws = new WebSocket(`${e2e.url.replace('http', 'ws')}/messages?token=${widget.token}`);
  const frames: { event: string; data: Record<string, unknown> }[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId } }));
  const next = (event: string, where: (d: Record<string, unknown>) => boolean = () => true) =>
    eventually(async () => frames.find((f) => f.event === event && where(f.data)));
  await next('subscribed');
  return { ws, next };
}

const row = () => page.locator('.conv-row', { hasText: 'Maria Silva' });
const thread = () => page.getByRole('log', { name: 'Messages' });

describe('the inbox in a browser', () => {
  it('signs in and lands on the inbox', async () => {
    await page.goto(`${e2e.url}/login`);
    await page.getByLabel('Email').waitFor();
    await screenshot(page, 'login');
    await signIn(page, e2e.url, agent);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    // The header's connection indicator (web/src/components/connection-status.tsx).
    await page.locator('.connection[data-state="live"]').waitFor();
    await screenshot(page, 'inbox-empty');
  });

  it("shows a customer's message live, in the list and the thread, and the bot's reply after it", async () => {
    await page.getByRole('link', { name: 'Bots', exact: true }).click();
    await page.waitForURL(/view=bots/);
    const sent = await api(e2e.url, 'POST', '/messages/send', {
      token: widget.token,
      body: {
        chatbotId: bot.id,
        externalUserId: widget.externalUserId,
        content: 'Hi! What is the price of the premium plan?',
      },
    });
    expect(sent.status).toBe(202);
    conversationUuid = sent.body.data.conversation.id;

    // No reload: the row arrives over the inbox subscription.
    await row().waitFor();
    await row().click();
    await thread().getByText('What is the price of the premium plan?').waitFor();
    await thread().getByText(FAQ_ANSWER).waitFor();
    await expect(row().getByText('Bot:').isVisible()).resolves.toBe(true);
    await page.getByText('Support bot is answering').waitFor();
    await screenshot(page, 'inbox-conversation');
  });

  it("takes over, and the agent's reply (Enter in the composer) reaches the customer's gateway", async () => {
    const gateway = await gatewayClient(conversationUuid);
    try {
      await page.getByRole('button', { name: 'Take over' }).click();
      await page.getByText('Assigned to you').waitFor();
      const composer = page.getByRole('textbox', { name: 'Reply to the customer' });
      await composer.fill('Hello Maria, this is Ana.');
      await composer.press('Shift+Enter');
      await composer.pressSequentially('Premium is $19.90; want me to upgrade you?');
      await composer.press('Enter');
      const frame = await gateway.next(
        'message',
        (d) => typeof d.content === 'string' && d.content.startsWith('Hello Maria, this is Ana.'),
      );
      expect(frame.data).toMatchObject({
        role: 'OPERATOR',
        content: 'Hello Maria, this is Ana.\nPremium is $19.90; want me to upgrade you?',
      });
      await expect(composer.inputValue()).resolves.toBe('');
      await thread().getByText('want me to upgrade you?').waitFor();
      // The gateway pushed it to the customer's widget: two ticks.
      await thread()
        .locator('.msg-operator')
        .last()
        .getByRole('img', { name: 'Delivered' })
        .waitFor();
      await screenshot(page, 'inbox-takeover');
    } finally {
      gateway.ws.close();
    }
  });

  it('releases the conversation back to the bot', async () => {
    await page.getByRole('button', { name: 'Release to bot' }).click();
    await page.getByText('Support bot is answering').waitFor();
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.uuid, conversationUuid));
    expect(c).toMatchObject({ status: 'active', assignedUserId: null });
    expect(c!.assignedBotId).not.toBeNull();
  });

  it('assigns: to me with the "a" shortcut, then to a teammate from the menu', async () => {
    await page.getByRole('heading', { name: 'Maria Silva' }).click();
    await page.keyboard.press('a');
    await page.getByText('Assigned to you').waitFor();
    await screenshot(page, 'inbox-assigned');

    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('menuitemradio', { name: /Bruno Costa/ }).click();
    // An agent cannot see another agent's conversation: the pane says so instead of going stale.
    await page.getByText('This conversation is not available').waitFor();
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.uuid, conversationUuid));
    expect(c!.assignedUserId).toBe(teammate.id);
    await row().waitFor({ state: 'detached' });
  });

  it('shows "Reconnecting…" when the live connection drops, and catches up once it is back', async () => {
    const status = page.locator('.connection');
    await page.goto(`${e2e.url}/inbox?view=bots`);
    await status.and(page.locator('[data-state="live"]')).waitFor();
    network.down = true;
    for (const socket of network.sockets) socket.destroy();
    network.sockets.clear();
    await status.and(page.locator('[data-state="reconnecting"]')).waitFor();
    await expect(status.textContent()).resolves.toBe('Reconnecting…');

    // A customer writes while the console is cut off.
    const other = await api(e2e.url, 'POST', '/widget/session', {
      body: { publicKey: bot.publicKey },
    });
    const sent = await api(e2e.url, 'POST', '/messages/send', {
      token: other.body.token,
      body: {
        chatbotId: bot.id,
        externalUserId: other.body.externalUserId,
        content: 'How much does it cost?',
      },
    });
    expect(sent.status).toBe(202);
    await screenshot(page, 'inbox-reconnecting');

    network.down = false;
    await status.and(page.locator('[data-state="live"]')).waitFor({ timeout: 15_000 });
    await page.locator('.conv-row', { hasText: other.body.externalUserId }).waitFor();
  });

  it('moves with j and ends the conversation with e (after confirming)', async () => {
    await page.keyboard.press('j');
    await page.waitForURL(/\/inbox\/\d+/);
    await page.getByRole('log', { name: 'Messages' }).getByText('How much does it cost?').waitFor();
    await page.keyboard.press('e');
    const confirm = page.getByRole('alertdialog', { name: 'End this conversation?' });
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('This conversation has ended.').waitFor();
    await expect(
      page.getByRole('textbox', { name: 'Reply to the customer' }).isDisabled(),
    ).resolves.toBe(true);
    await screenshot(page, 'inbox-ended');
  });

  it('shows the WhatsApp window, interactive buttons, and locks the composer when the window closes', async () => {
    const sent = await api(e2e.url, 'POST', '/messages/send', {
      token: await tokenFor(admin),
      body: {
        chatbotId: bot.id,
        externalUserId: '5511912345678',
        channel: 'WHATSAPP_CLOUD',
        content: 'Oi! I want to change my plan',
      },
    });
    expect(sent.status).toBe(202);
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.uuid, sent.body.data.conversation.id));
    await callerFor(agent).conversations.sendMessage({
      conversationId: c!.id,
      message: {
        type: 'interactive',
        content: {
          type: 'button',
          body: { text: 'Which plan would you like?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'basic', title: 'Basic' } },
              { type: 'reply', reply: { id: 'premium', title: 'Premium' } },
            ],
          },
        },
      },
    });
    await page.goto(`${e2e.url}/inbox/${c!.id}`);
    const buttons = page.getByRole('list', { name: 'Reply buttons' });
    await buttons.getByText('Premium').waitFor();
    await page.getByText(/WhatsApp reply window closes in 2[34]h/).waitFor();
    await screenshot(page, 'inbox-whatsapp');

    // The window-closed job fires when the 24 hours are over; the console locks without a reload.
    await db
      .update(conversations)
      .set({ cswExpiresAt: new Date(Date.now() - 1_000) })
      .where(eq(conversations.id, c!.id));
    await windowClosed({ conversationId: c!.id }, {} as never);
    await page.getByText('The 24-hour WhatsApp window is closed.').waitFor();
    await expect(
      page.getByRole('textbox', { name: 'Reply to the customer' }).isDisabled(),
    ).resolves.toBe(true);
    await screenshot(page, 'inbox-whatsapp-closed');
  });
});
