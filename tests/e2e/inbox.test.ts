import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations } from '../../server/db/schema';
import { type E2E, screenshot, signIn, startE2E } from './console';
import {
  customerSays,
  FAQ_ANSWER,
  gatewayClient,
  type InboxWorld,
  inboxWorld,
  knownCustomer,
  screenshotFailures,
  widgetVisitor,
} from './inbox-fixtures';

let e2e: E2E;
let page: Page;
let world: InboxWorld;
let visitor: { token: string; externalUserId: string };
let conversationUuid: string;

beforeAll(async () => {
  e2e = await startE2E();
  world = await inboxWorld();
  visitor = await widgetVisitor(e2e.url, world.bot.publicKey);
  await knownCustomer(world.admin, visitor.externalUserId);
  page = await e2e.newPage();
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const row = () => page.locator('.conv-row', { hasText: 'Maria Silva' });
const thread = () => page.getByRole('log', { name: 'Messages' });
const conversation = async () =>
  (await db.select().from(conversations).where(eq(conversations.uuid, conversationUuid)))[0]!;

describe('the inbox in a browser', () => {
  it('signs in and lands on the inbox', async () => {
    await page.goto(`${e2e.url}/login`);
    await page.getByLabel('Email').waitFor();
    await screenshot(page, 'login');
    await signIn(page, e2e.url, world.agent);
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    // The header's connection indicator (web/src/components/connection-status.tsx).
    await page.locator('.connection[data-state="live"]').waitFor();
    await screenshot(page, 'inbox-empty');
  });

  it("shows a customer's message live, in the list and the thread, and the bot's reply after it", async () => {
    await page.getByRole('tab', { name: 'Bots', exact: true }).click();
    await page.waitForURL(/view=bots/);
    conversationUuid = await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'Hi! What is the price of the premium plan?',
    });
    // No reload: the row arrives over the inbox subscription.
    await row().waitFor();
    await row().click();
    await thread().getByText('What is the price of the premium plan?').waitFor();
    await thread().getByText(FAQ_ANSWER).waitFor();
    await row().getByText('Bot:').waitFor();
    await page.getByText('Support bot is answering').waitFor();
    await screenshot(page, 'inbox-conversation');
  });

  it("takes over, and the agent's reply (Enter in the composer) reaches the customer's gateway", async () => {
    const gateway = await gatewayClient(e2e.url, visitor.token, conversationUuid);
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
        role: 'ASSISTANT',
        content: 'Hello Maria, this is Ana.\nPremium is $19.90; want me to upgrade you?',
      });
      await expect(composer.inputValue()).resolves.toBe('');
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
    const c = await conversation();
    expect(c).toMatchObject({ status: 'active', assignedUserId: null });
    expect(c.assignedBotId).not.toBeNull();
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
    expect((await conversation()).assignedUserId).toBe(world.teammate.id);
    await row().waitFor({ state: 'detached' });
  });
});
