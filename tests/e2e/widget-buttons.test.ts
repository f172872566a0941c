import { and, desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, messages } from '../../server/db/schema';
import { insertMessage } from '../../server/services/messages/create';
import { interactiveContent } from '../../shared/flow';
import { makeChatbot } from '../factories/chatbot';
import { makeWorkspace } from '../factories/workspace';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, startE2E } from './console';
import { storedVisitor } from './widget-page';

let e2e: E2E;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startE2E();
  const { admin } = await makeWorkspace();
  // AI off: the test writes the bot's interactive messages itself, as the flow engine does.
  bot = await makeChatbot(admin, { aiEnabled: false, name: 'Pizzeria' });
});
afterAll(() => e2e.close());

const panelOf = (p: Page) => p.getByRole('dialog', { name: 'Chat' });

/** Opens the widget, writes a first message and answers the conversation it opened. */
async function startChat(page: Page) {
  await page.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await panelOf(page).getByLabel('Message').fill('Oi!');
  await panelOf(page).getByLabel('Message').press('Enter');
  const { externalUserId } = await storedVisitor(page, bot.publicKey);
  return eventually(async () => {
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, externalUserId))
      .orderBy(desc(conversations.id))
      .limit(1);
    return c;
  });
}

type Conversation = Awaited<ReturnType<typeof startChat>>;

const botSays = (c: Conversation, content: ReturnType<typeof interactiveContent>) =>
  insertMessage(db, c, { direction: 'outbound', origin: 'bot', type: 'interactive', content });

/** The customer's stored choice in the conversation, once it arrives. */
const storedChoice = (c: Conversation, kind: 'button_reply' | 'list_reply', id: string) =>
  eventually(async () => {
    const rows = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, c.id), eq(messages.type, 'interactive')));
    return rows.find(
      (m) => m.direction === 'inbound' && (m.content[kind] as { id?: string })?.id === id,
    );
  });

const menu = interactiveContent('Olá! Como posso ajudar?', [
  { id: 'menu', title: 'Cardápio' },
  { id: 'hours', title: 'Horários' },
]);

describe("the widget's buttons and lists in Chromium", () => {
  it('sends a pressed button with its id, then a list row chosen with the keyboard', async () => {
    const page = await e2e.newPage();
    const c = await startChat(page);
    await botSays(c, menu);
    const panel = panelOf(page);
    await panel.getByText('Olá! Como posso ajudar?').waitFor();
    const options = panel.getByRole('group', { name: 'Reply options' });
    await options.getByRole('button', { name: 'Horários' }).click();

    const pressed = await storedChoice(c, 'button_reply', 'hours');
    expect(pressed.content).toEqual({
      type: 'button_reply',
      button_reply: { id: 'hours', title: 'Horários' },
      text: 'Horários',
    });
    expect(pressed.origin).toBe('client');
    // Answered: the buttons cannot be pressed again; the customer's choice shows as theirs.
    await expect
      .poll(() => options.getByRole('button', { name: 'Cardápio' }).isDisabled())
      .toBe(true);
    expect(await options.getByRole('button', { name: 'Horários' }).isDisabled()).toBe(true);
    await panel.locator('.me', { hasText: 'Horários' }).waitFor();

    await botSays(
      c,
      interactiveContent(
        'Qual pizza?',
        ['Margherita', 'Pepperoni', 'Calabresa', 'Quatro queijos'].map((title, i) => ({
          id: `pz-${i + 1}`,
          title,
        })),
        'Ver pizzas',
      ),
    );
    const toggle = panel.getByRole('button', { name: 'Ver pizzas' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.getByRole('button', { name: 'Calabresa' }).count()).toBe(0);
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // The first row has the focus; two steps down is the third.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await screenshot(page, 'widget-list-open');
    await page.keyboard.press('Enter');
    const row = await storedChoice(c, 'list_reply', 'pz-3');
    expect(row.content).toMatchObject({ type: 'list_reply', text: 'Calabresa' });
    // Superseded and answered: neither message's options can be pressed now.
    await expect.poll(() => toggle.isDisabled()).toBe(true);
    expect(await panel.getByRole('button', { name: 'Cardápio' }).isDisabled()).toBe(true);
  }, 60_000);

  it('fits a phone (390×844): the buttons show in the panel and a tap sends the choice', async () => {
    const context = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    context.setDefaultTimeout(10_000);
    try {
      const phone = await context.newPage();
      const c = await startChat(phone);
      await botSays(
        c,
        interactiveContent('Escolha uma opção', [
          { id: 'menu', title: 'Cardápio' },
          { id: 'hours', title: 'Horários' },
          { id: 'human', title: 'Falar com atendente' },
        ]),
      );
      const panel = panelOf(phone);
      const human = panel.getByRole('button', { name: 'Falar com atendente' });
      await human.waitFor();
      // Every button lies inside the screen, big enough to tap.
      for (const name of ['Cardápio', 'Horários', 'Falar com atendente']) {
        const box = (await panel.getByRole('button', { name }).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        expect(box.y + box.height).toBeLessThanOrEqual(844);
        expect(box.height).toBeGreaterThanOrEqual(32);
      }
      await screenshot(phone, 'widget-phone-buttons');
      // A refused choice (say, the bot moved on meanwhile) leaves the options pressable.
      await phone.route(
        '**/messages/send',
        (r) =>
          r.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ statusCode: 400, message: ['no'], error: 'Bad Request' }),
          }),
        { times: 1 },
      );
      await panel.getByRole('button', { name: 'Horários' }).tap();
      await panel.getByRole('button', { name: 'Not sent — retry' }).waitFor();
      await expect.poll(() => human.isEnabled()).toBe(true);
      await human.tap();
      const pressed = await storedChoice(c, 'button_reply', 'human');
      expect(pressed.content).toMatchObject({ text: 'Falar com atendente' });
      await expect.poll(() => human.isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});
