import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../server/db/schema';
import { callerFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { customerSays, inboxWorld, screenshotFailures, widgetVisitor } from './inbox-fixtures';

// Nothing missed (issue 23): the tab title counts what waits for each agent, live, and a
// desktop notification says what is new to the agent who turned them on.

let e2e: E2E;
let ana: { context: BrowserContext; page: Page };
let bruno: { context: BrowserContext; page: Page };
let world: Awaited<ReturnType<typeof inboxWorld>>;

/** A browser of its own for `user`, signed in, with desktop notifications recorded. */
async function agentBrowser(user: User) {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10_000);
  // Headless Chromium denies notifications whatever is granted: a stand-in that the user
  // allowed them, and that records what the console shows.
  await context.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shown: string[] }).shown = shown;
    window.Notification = class {
      static readonly permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string) {
        shown.push(title);
      }
    } as unknown as typeof Notification;
  });
  const page = await context.newPage();
  await signIn(page, e2e.url, user);
  return { context, page };
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { shown: string[] }).shown);

beforeAll(async () => {
  e2e = await startE2E();
  world = await inboxWorld();
  ana = await agentBrowser(world.agent);
  bruno = await agentBrowser(world.teammate);
}, 120_000);

afterAll(async () => {
  await ana?.context.close();
  await bruno?.context.close();
  await e2e?.close();
});

screenshotFailures(() => ana?.page);

describe('what waits for each agent', () => {
  it('counts in the tab title, live and per agent, and notifies who asked for it', async () => {
    const visitor = await widgetVisitor(e2e.url, world.bot.publicKey);
    const conversation = await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'Hello, my order is late',
    });
    await callerFor(world.agent).conversations.takeover({ conversationId: conversation });
    await callerFor(world.agent).conversations.read({ conversationId: conversation });
    await ana.page.waitForFunction(() => document.title === 'Support Inbox');

    // Ana turns desktop notifications on; Bruno does not.
    await ana.page.goto(`${e2e.url}/settings/notifications`);
    await ana.page.getByRole('switch', { name: 'Show desktop notifications' }).check();
    await ana.page.goto(`${e2e.url}/inbox`);
    // The counts of the page just loaded: what grows from here is news.
    await ana.page
      .getByRole('tab', { name: 'Mine', exact: true })
      .and(ana.page.locator('[aria-describedby]'))
      .waitFor();

    // A customer of a chatbot with its AI off waits for a person: it counts for both.
    const humans = await callerFor(world.admin).chatbots.create({
      name: 'People only',
      aiEnabled: false,
    });
    const waiting = await widgetVisitor(e2e.url, humans.publicKey);
    await customerSays(e2e.url, waiting.token, {
      chatbotId: humans.id,
      externalUserId: waiting.externalUserId,
      content: 'I need help with my bill',
    });
    for (const { page } of [ana, bruno]) {
      await page.waitForFunction(() => document.title === '(1) Support Inbox');
    }
    await expect
      .poll(() => shown(ana.page), { timeout: 10_000 })
      .toEqual(['A conversation is waiting for an agent']);

    // The customer writes again in Ana's conversation: Ana's count only.
    await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'Any news?',
    });
    await ana.page.waitForFunction(() => document.title === '(2) Support Inbox');
    await expect
      .poll(() => shown(ana.page), { timeout: 10_000 })
      .toContain('A customer wrote in one of your conversations');
    expect(await bruno.page.title()).toBe('(1) Support Inbox');
    expect(await shown(bruno.page)).toEqual([]);
    // The same count on the Inbox link; each view tab counts its open conversations.
    const nav = ana.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /^Inbox\W+2 waiting for you$/ }).waitFor();
    const mine = ana.page.getByRole('tab', { name: 'Mine', exact: true });
    await expect
      .poll(() => mine.getAttribute('aria-describedby'), { timeout: 10_000 })
      .toBeTruthy();
    await ana.page
      .locator(`#${await mine.getAttribute('aria-describedby')}`)
      .getByText('1 open')
      .waitFor({ state: 'attached' });
    await ana.page
      .locator(
        `#${await ana.page.getByRole('tab', { name: 'Unassigned', exact: true }).getAttribute('aria-describedby')}`,
      )
      .getByText('1 open')
      .waitFor({ state: 'attached' });
    await screenshot(ana.page, 'attention-title');

    // Reading it is Ana's alone: her count drops, Bruno's stays.
    await callerFor(world.agent).conversations.read({ conversationId: conversation });
    await ana.page.waitForFunction(() => document.title === '(1) Support Inbox');
    expect(await bruno.page.title()).toBe('(1) Support Inbox');
  });
});
