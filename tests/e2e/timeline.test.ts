import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, screenshot, signIn } from './console';
import {
  customerSays,
  FAQ_ANSWER,
  type InboxWorld,
  openConsoleWithCustomer,
  screenshotFailures,
} from './inbox-fixtures';

// Issue 22's timeline in the console: who did what, drawn as quiet lines among the messages.

let e2e: E2E;
let page: Page;
let world: InboxWorld;
let visitor: { token: string; externalUserId: string };

beforeAll(async () => {
  ({ e2e, page, world, visitor } = await openConsoleWithCustomer());
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const thread = () => page.getByRole('log', { name: 'Messages' });
const activity = () => thread().getByRole('note', { name: 'Activity' });

describe('the timeline in the thread', () => {
  it('draws a takeover and a release as activity lines, live and after a reload', async () => {
    await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'What is the price?',
    });
    await signIn(page, e2e.url, world.agent);
    await page.goto(`${e2e.url}/inbox`);
    await page.getByRole('tab', { name: 'Bots', exact: true }).click();
    await page.locator('.conv-row', { hasText: 'Maria Silva' }).click();
    await thread().getByText(FAQ_ANSWER).waitFor();
    await expect(activity().count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Take over' }).click();
    await activity().getByText('Ana Lima took over').waitFor();
    await page.getByRole('button', { name: 'Release to bot' }).click();
    await activity().getByText('Ana Lima handed back to the bot').waitFor();
    await screenshot(page, 'thread-timeline');

    await page.reload();
    await thread().getByText(FAQ_ANSWER).waitFor();
    await activity().nth(1).waitFor();
    await expect(activity().allTextContents()).resolves.toEqual([
      'Ana Lima took over',
      'Ana Lima handed back to the bot',
    ]);
    // After the bot's answer, in the order they happened.
    const text = (await thread().textContent()) ?? '';
    expect(text.indexOf(FAQ_ANSWER)).toBeLessThan(text.indexOf('Ana Lima took over'));
    expect(text.indexOf('Ana Lima took over')).toBeLessThan(
      text.indexOf('Ana Lima handed back to the bot'),
    );
  });
});
