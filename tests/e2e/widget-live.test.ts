import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { storedVisitor } from './widget-page';

/*
 * Issue 23 in Chromium, on a phone and on a large screen: the widget in the chatbot's colour,
 * title and corner; its greeting; the visitor's message "Sending…" until the server has it;
 * the agent's name typing (typed in the real console); the end of the chat and a new one.
 */

let e2e: E2E;
let admin: User;
let console_: Page;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  bot = await callerFor(admin).chatbots.create({
    name: 'Pizza bot',
    // Silent: nothing but the agent answers, so every line on screen is the test's.
    aiEnabled: false,
    greeting: 'Hi! Ask me about our menu.',
    widgetColor: '#dc2626',
    widgetTitle: 'Ask the pizzeria',
    widgetPosition: 'bottom-left',
  });
  console_ = await e2e.newPage();
  await signIn(console_, e2e.url, admin);
}, 120_000);
afterAll(() => e2e?.close());

const stored = (p: Page) => storedVisitor(p, bot.publicKey);
const latestConversation = async (p: Page) => {
  const { externalUserId } = await stored(p);
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId))
    .orderBy(desc(conversations.id))
    .limit(1);
  return c!;
};

describe.each([
  { size: 'phone', width: 390, height: 844 },
  { size: 'desktop', width: 1440, height: 900 },
])('the live widget on a $size ($width×$height)', ({ size, width, height }) => {
  it('greets, shows sending… then sent, the agent typing, the end and a new chat', async () => {
    const context = await e2e.browser.newContext({ viewport: { width, height } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const panel = page.getByRole('dialog', { name: 'Chat' });
    const box = panel.getByLabel('Message');
    try {
      await page.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
      const bubble = page.getByRole('button', { name: 'Open chat' });
      await bubble.waitFor();
      // The chatbot's colour and corner, from its settings (the demo page sets none).
      expect(await bubble.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        'rgb(220, 38, 38)',
      );
      const at = (await bubble.boundingBox())!;
      expect(at.x + at.width / 2).toBeLessThan(width / 2);
      await bubble.click();
      await panel.getByText('Ask the pizzeria').waitFor();
      // The greeting is the first bubble of a chat nobody has written in yet.
      await expect
        .poll(() => panel.locator('.log > *').first().textContent())
        .toBe('Hi! Ask me about our menu.');
      await screenshot(page, `widget-live-${size}-greeting`);

      // Held on its way to the server: "Sending…"; once accepted (202): "Sent".
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/messages/send', async (route) => {
        await held;
        await route.continue();
      });
      // The first message opens the conversation and the socket that follows it.
      const subscribed = page
        .waitForEvent('websocket')
        .then((ws) =>
          ws.waitForEvent('framereceived', (f) => String(f.payload).includes('"subscribed"')),
        );
      await box.fill('Do you deliver to the harbour?');
      await box.press('Enter');
      const mine = panel.locator('.msg.me', { hasText: 'Do you deliver to the harbour?' });
      await mine.getByText('Sending…').waitFor();
      await screenshot(page, `widget-live-${size}-sending`);
      release();
      await mine.getByText('Sent').waitFor();
      await page.unroute('**/messages/send');
      const first = await latestConversation(page);
      await subscribed;

      // The agent writes a reply in the console: the visitor sees who is typing.
      await console_.goto(`${e2e.url}/inbox/${first.id}`);
      const reply = console_.getByRole('textbox', { name: 'Reply to the customer' });
      await reply.fill('Yes, we do');
      await panel.getByText(`${admin.name} is typing…`).waitFor();
      await screenshot(page, `widget-live-${size}-agent-typing`);
      await reply.press('Enter');
      await panel.locator('.msg.them', { hasText: 'Yes, we do' }).waitFor();
      await expect.poll(() => panel.getByText(`${admin.name} is typing…`).count()).toBe(0);

      // The agent ends the chat: the visitor is told, and can start a new one.
      await callerFor(admin).conversations.end({ conversationId: first.id });
      await panel.getByText('This chat has ended').waitFor();
      await screenshot(page, `widget-live-${size}-ended`);
      await panel.getByRole('button', { name: 'Start a new chat' }).click();
      await expect.poll(() => panel.getByText('Yes, we do').count()).toBe(0);
      await panel.getByText('Hi! Ask me about our menu.').waitFor();
      await box.fill('A new question');
      await box.press('Enter');
      await panel.locator('.msg.me', { hasText: 'A new question' }).getByText('Sent').waitFor();
      const second = await latestConversation(page);
      expect(second.id).not.toBe(first.id);
      expect(second.status).not.toBe('ended');
      await screenshot(page, `widget-live-${size}-new-chat`);
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe("the widget's look in Settings → Chatbots", () => {
  it('is edited by an admin, a bad colour refused on the form, and the widget follows', async () => {
    await console_.goto(`${e2e.url}/settings/chatbots`);
    await console_.getByRole('button', { name: 'Edit chatbot Pizza bot' }).click();
    const form = console_.getByRole('dialog', { name: 'Edit chatbot Pizza bot' });
    await form.getByLabel('Widget colour').fill('green');
    await form.getByRole('button', { name: 'Save chatbot' }).click();
    await form.getByText('Widget colour must be a hex colour such as #2563eb').waitFor();
    await form.getByLabel('Widget colour').fill('#16a34a');
    await form.getByLabel('Widget title').fill('Pizza desk');
    await form.getByLabel('Widget position').selectOption('bottom-right');
    await screenshot(console_, 'widget-live-settings');
    await form.getByRole('button', { name: 'Save chatbot' }).click();
    await form.waitFor({ state: 'detached' });

    const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    try {
      await page.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
      const bubble = page.getByRole('button', { name: 'Open chat' });
      await bubble.waitFor();
      expect(await bubble.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        'rgb(22, 163, 74)',
      );
      const at = (await bubble.boundingBox())!;
      expect(at.x + at.width / 2).toBeGreaterThan(1440 / 2);
      await bubble.click();
      await page.getByRole('dialog', { name: 'Chat' }).getByText('Pizza desk').waitFor();
      await screenshot(page, 'widget-live-settings-applied');
    } finally {
      await context.close();
    }
  });
});
