import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, messages } from '../../server/db/schema';
import { callerFor, makeWorkspace, tokenFor } from '../helpers/factories';
import { api } from '../helpers/server';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, startE2E } from './console';

let e2e: E2E;
let page: Page;
let token: string;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startE2E();
  const { admin } = await makeWorkspace();
  token = await tokenFor(admin);
  bot = await callerFor(admin).chatbots.create({
    name: 'Pizza bot',
    greeting: 'Hi! Ask me about our menu.',
    faq: [{ keywords: ['menu', 'pizza'], answer: 'Margherita, pepperoni and calabresa.' }],
  });
  page = await e2e.newPage();
});
afterAll(() => e2e.close());

/** The widget's panel lives in a shadow root; Playwright's locators pierce open ones. */
const panel = () => page.getByRole('dialog', { name: 'Chat' });
const visitorConversation = async () => {
  const visitorId = await page.evaluate(
    (key) =>
      JSON.parse(localStorage.getItem(`support-inbox:${key}`) ?? '{}').externalUserId as string,
    bot.publicKey,
  );
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, visitorId));
  return c!;
};

describe('the web widget in Chromium', () => {
  it('chats with the bot, then with an agent, live, and keeps the visitor across reloads', async () => {
    await page.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panel().getByLabel('Message').waitFor();
    await panel().getByLabel('Message').fill('What pizza do you have?');
    await panel().getByLabel('Message').press('Enter');
    // The bot's first reply carries the chatbot's greeting.
    await panel()
      .getByText('Hi! Ask me about our menu. Margherita, pepperoni and calabresa.')
      .waitFor();
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
    await panel().getByRole('button', { name: 'Large' }).click();
    const reply = await eventually(async () => {
      const [m] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, c.id),
            eq(messages.direction, 'inbound'),
            eq(messages.metadata, { buttonId: 'large' }),
          ),
        );
      return m;
    });
    expect(reply.content).toEqual({ text: 'Large' });
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
});
