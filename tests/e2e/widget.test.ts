import { and, desc, eq } from 'drizzle-orm';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, messages, widgetVisitors } from '../../server/db/schema';
import { makeWorkspace } from '../factories/workspace';
import { callerFor, tokenFor } from '../helpers/auth';
import { api } from '../helpers/server';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, startE2E } from './console';
import { storedVisitor } from './widget-page';

let e2e: E2E;
let page: Page;
let token: string;
let agentName: string;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startE2E();
  const { admin } = await makeWorkspace();
  agentName = admin.name;
  token = await tokenFor(admin);
  bot = await callerFor(admin).chatbots.create({
    name: 'Pizza bot',
    greeting: 'Hi! Ask me about our menu.',
    faq: [
      { keywords: ['menu', 'pizza'], answer: 'Margherita, pepperoni and calabresa.' },
      { keywords: ['hours', 'open'], answer: 'We open at 6pm.' },
      { keywords: ['delivery'], answer: 'We deliver within 5 km.' },
    ],
  });
  page = await e2e.newPage();
});
afterAll(() => e2e.close());

/** The widget's panel lives in a shadow root; Playwright's locators pierce open ones. */
const panelOf = (p: Page) => p.getByRole('dialog', { name: 'Chat' });
const panel = () => panelOf(page);
const stored = (p: Page) => storedVisitor(p, bot.publicKey);
/** The visitor's latest conversation (a new one opens after an end). */
const visitorConversation = async (p = page) => {
  const { externalUserId } = await stored(p);
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId))
    .orderBy(desc(conversations.id))
    .limit(1);
  return c!;
};

describe('the web widget in Chromium', () => {
  it('chats with the bot, then with an agent, live, and keeps the visitor across reloads', async () => {
    await page.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panel().getByLabel('Message').waitFor();
    await panel().getByLabel('Message').fill('What pizza do you have?');
    await panel().getByLabel('Message').press('Enter');
    // The greeting is the chat's first bubble, once: the bot's first reply, which opens with
    // it for channels that never showed it, is shown from what follows.
    await panel().getByText('Margherita, pepperoni and calabresa.').waitFor();
    await expect(panel().getByText('Hi! Ask me about our menu.').count()).resolves.toBe(1);
    await expect(
      panel().getByText('Hi! Ask me about our menu. Margherita', { exact: false }).count(),
    ).resolves.toBe(0);
    await screenshot(page, 'widget-bot-reply');

    // An agent takes over and answers with buttons; the visitor clicks one.
    const c = await visitorConversation();
    expect(
      (await api(e2e.url, 'POST', `/api/conversations/${c.uuid}/takeover`, { token, body: {} }))
        .status,
    ).toBe(200);
    const sent = await api(e2e.url, 'POST', `/api/conversations/${c.uuid}/messages`, {
      token,
      body: {
        type: 'interactive',
        content: {
          type: 'button',
          body: { text: 'Which size?' },
          action: {
            buttons: [
              { id: 'small', title: 'Small' },
              { id: 'large', title: 'Large' },
            ],
          },
        },
      },
    });
    expect(sent.status).toBe(201);
    await panel().getByText('Which size?').waitFor();
    // The visitor sees who answers: the agent's name over their reply (issue 22).
    await panel()
      .locator('.msg.them', { hasText: 'Which size?' })
      .locator('.who', { hasText: agentName })
      .waitFor();
    await panel().getByRole('button', { name: 'Large' }).click();
    const reply = await eventually(async () => {
      const [m] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, c.id),
            eq(messages.direction, 'inbound'),
            eq(messages.type, 'interactive'),
          ),
        );
      return m;
    });
    // Stored as WhatsApp's button reply, the shape the flow engine reads on every channel.
    expect(reply.content).toEqual({
      type: 'button_reply',
      button_reply: { id: 'large', title: 'Large' },
      text: 'Large',
    });
    // Pushed to the open widget, the agent's message became delivered, then read.
    await expect
      .poll(
        async () =>
          (await db.select().from(messages).where(eq(messages.uuid, sent.body.id)))[0]!.status,
      )
      .toBe('read');

    // The agent reads the conversation: the visitor sees "Seen".
    await api(e2e.url, 'PATCH', `/conversations/${c.id}/read`, { token, body: {} });
    await panel().getByText('Seen').first().waitFor();
    await screenshot(page, 'widget-agent-reply');

    // A reload keeps the visitor and their history.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panel().getByText('Which size?').waitFor();
    expect((await visitorConversation()).id).toBe(c.id);
  });

  it('never loses a message on a phone: not sent, retried, caught up after reconnect, followed after an end', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    const phone = await context.newPage();
    // The widget's socket goes through here, so the test can take it down and bring it back.
    let socketDown = false;
    const sockets = new Set<WebSocketRoute>();
    await phone.routeWebSocket(/\/messages/, (ws) => {
      if (socketDown) return void ws.close();
      ws.connectToServer();
      sockets.add(ws);
    });
    const box = () => panelOf(phone).getByLabel('Message');
    const write = async (text: string) => {
      await box().fill(text);
      await box().press('Enter');
    };
    const sentCount = async (text: string) =>
      (await db.select().from(messages)).filter((m) => m.content.text === text).length;
    try {
      await phone.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
      await phone.getByRole('button', { name: 'Open chat' }).click();
      await write('Do you do delivery?');
      await panelOf(phone).getByText('We deliver within 5 km.').waitFor();

      // The server is unreachable: the message stays, marked, and goes once it is back.
      await phone.route('**/messages/send', (r) => r.abort('connectionrefused'));
      await write('Are you open on Sundays?');
      await panelOf(phone).getByRole('button', { name: 'Not sent — retry' }).waitFor();
      expect(await box().inputValue()).toBe('');
      await screenshot(phone, 'widget-phone-not-sent');
      await phone.unroute('**/messages/send');
      await panelOf(phone)
        .getByText(/We open at 6pm/)
        .waitFor({ timeout: 20_000 });
      await expect
        .poll(() => panelOf(phone).getByRole('button', { name: 'Not sent — retry' }).count())
        .toBe(0);
      expect(await sentCount('Are you open on Sundays?')).toBe(1);

      // A refusal (400) holds the message until the visitor retries it.
      await phone.route(
        '**/messages/send',
        (r) =>
          r.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              statusCode: 400,
              message: ['content is too long'],
              error: 'Bad Request',
            }),
          }),
        { times: 1 },
      );
      await write('Delivery on long routes?');
      await panelOf(phone).getByRole('button', { name: 'Not sent — retry' }).click();
      await expect.poll(() => sentCount('Delivery on long routes?')).toBe(1);
      await expect
        .poll(() => panelOf(phone).getByRole('button', { name: 'Not sent — retry' }).count())
        .toBe(0);

      // A reply produced while the socket is down appears once it reconnects.
      const c = await visitorConversation(phone);
      socketDown = true;
      for (const ws of sockets) await ws.close();
      sockets.clear();
      const during = await api(e2e.url, 'POST', '/messages/send', {
        token,
        body: {
          chatbotId: bot.id,
          externalUserId: c.externalUserId,
          content: 'pizza?',
          conversationId: c.uuid,
        },
      });
      expect(during.status).toBe(202);
      await eventually(async () => {
        const rows = await db.select().from(messages).where(eq(messages.conversationId, c.id));
        return rows.filter((m) => m.origin === 'bot').length >= 4;
      });
      expect(await panelOf(phone).getByText('Margherita, pepperoni and calabresa.').count()).toBe(
        0,
      );
      socketDown = false;
      await panelOf(phone)
        .getByText('Margherita, pepperoni and calabresa.')
        .waitFor({ timeout: 20_000 });

      // The chat ends; the visitor writes again and the bot's answer arrives with no reload.
      const ended = await api(e2e.url, 'PATCH', `/conversations/${c.uuid}`, {
        token,
        body: { status: 'CLOSED' },
      });
      expect(ended.status).toBe(200);
      await write('What are your hours?');
      await expect
        .poll(
          () =>
            panelOf(phone)
              .getByText(/We open at 6pm/)
              .count(),
          { timeout: 20_000 },
        )
        .toBe(2);
      expect((await visitorConversation(phone)).id).not.toBe(c.id);
      await screenshot(phone, 'widget-phone-after-end');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('keeps a visitor of the widget from before visitor secrets, with their history', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    const old = await context.newPage();
    const legacyId = `web-${crypto.randomUUID()}`;
    const sent = await api(e2e.url, 'POST', '/messages/send', {
      token,
      body: { chatbotId: bot.id, externalUserId: legacyId, content: 'Written with the old widget' },
    });
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, legacyId));
    // What migration 0014 registers for such an id.
    await db.insert(widgetVisitors).values({
      workspaceId: c!.workspaceId,
      chatbotId: c!.chatbotId!,
      externalUserId: legacyId,
      legacy: true,
    });
    // The old widget's localStorage: its id, a conversation and a token from before the cut.
    const before = {
      externalUserId: legacyId,
      conversationId: sent.body.data.conversation.id,
      chatbotId: bot.id,
      token: 'from-before',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    await old.addInitScript(
      ([key, value]) => localStorage.getItem(key) ?? localStorage.setItem(key, value),
      [`support-inbox:${bot.publicKey}`, JSON.stringify(before)] as const,
    );
    try {
      await old.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
      await old.getByRole('button', { name: 'Open chat' }).click();
      await panelOf(old).getByText('Written with the old widget').waitFor();
      const after = await stored(old);
      expect(after.externalUserId).toBe(legacyId);
      expect(after.visitorSecret).toMatch(/^[\w-]{43}$/);
      const [row] = await db
        .select()
        .from(widgetVisitors)
        .where(eq(widgetVisitors.externalUserId, legacyId));
      expect(row!.legacy).toBe(false);
    } finally {
      await context.close();
    }
  });
});
