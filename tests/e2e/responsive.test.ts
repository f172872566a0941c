import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/auth';
import { type E2E, signIn, startE2E } from './console';
import {
  customerSays,
  type InboxWorld,
  inboxWorld,
  knownCustomer,
  widgetVisitor,
} from './inbox-fixtures';

/** The console on a phone, a tablet and a laptop (issue 23), and the inbox's view tabs. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(root, 'test-artifacts', 'screenshots');
const LONG_NAME = 'Maximiliana Alexandrina Wolfeschlegelsteinhausenbergerdorff-Vasconcelos';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'laptop', width: 1440, height: 900 },
] as const;

let e2e: E2E;
let world: InboxWorld;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  world = await inboxWorld();
  const visitor = await widgetVisitor(e2e.url, world.bot.publicKey);
  await knownCustomer(world.admin, visitor.externalUserId);
  await customerSays(e2e.url, visitor.token, {
    chatbotId: world.bot.id,
    externalUserId: visitor.externalUserId,
    content: 'Hello, my TV box shows a black screen since this morning. Can you help?',
  });
  await callerFor(world.admin).contacts.create({
    external_id: `a-very-long-external-id-${'x'.repeat(24)}`,
    name: LONG_NAME,
  });
});
afterAll(() => e2e?.close());
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && context)
    await shot(`failed-${task.fullName}`).catch(() => {});
  await context?.close();
  context = undefined;
});

async function open(size: { width: number; height: number }) {
  context = await e2e.browser.newContext({ viewport: { width: size.width, height: size.height } });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  await signIn(page, e2e.url, world.admin);
}

async function shot(name: string) {
  await mkdir(SHOTS, { recursive: true });
  const file = `responsive-${name.replace(/\W+/g, '-').slice(0, 80)}.png`;
  await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
}

/** The page does not scroll sideways: nothing is wider than the window (else: what sticks out). */
async function expectNoSideScroll(where: string) {
  const { scrollWidth, innerWidth, outside } = await page.evaluate(() => {
    const inner = window.innerWidth;
    // The outermost elements past the right edge whose own box, not a scroller's, is there.
    const outside = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > inner + 0.5)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= inner)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} (${el.getBoundingClientRect().right}px)`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: inner, outside };
  });
  expect(scrollWidth, `${where} scrolls sideways: ${outside.join(', ')}`).toBeLessThanOrEqual(
    innerWidth,
  );
}

/** On screen, inside the window, and nothing covers it: a click would reach it. */
async function expectUsable(control: Locator) {
  await control.waitFor({ state: 'visible' });
  await control.click({ trial: true, timeout: 3_000 });
  const box = (await control.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

const menuButton = () => page.getByRole('button', { name: 'Menu' });
const logout = () => page.getByRole('button', { name: 'Logout' });
const list = () => page.getByRole('complementary', { name: 'Inbox' });
const thread = () => page.getByRole('log', { name: 'Messages' });
const details = () => page.getByRole('complementary', { name: 'Contact and conversation details' });
const row = () => page.locator('.conv-row', { hasText: 'Maria Silva' });
const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());

describe.each(SIZES)('the console at $width×$height ($name)', (size) => {
  const phone = size.width < 768;
  const wide = size.width >= 1280;

  it('the inbox fits, and the header reaches every page and Logout', async () => {
    await open(size);
    await page.goto(`${e2e.url}/inbox?view=all`);
    await row().waitFor();
    await expectNoSideScroll('the inbox');
    await expectUsable(page.getByRole('searchbox', { name: 'Search conversations' }));
    await expectUsable(page.getByRole('tab', { name: 'All' }));
    await expectUsable(row());
    await shot(`${size.name}-inbox`);

    if (wide) {
      await expect(menuButton().isVisible()).resolves.toBe(false);
    } else {
      await expect(logout().isVisible()).resolves.toBe(false);
      await expectUsable(menuButton());
      await menuButton().click();
      await expect(menuButton().getAttribute('aria-expanded')).resolves.toBe('true');
      await expectUsable(
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }),
      );
      await expectUsable(page.getByRole('switch', { name: 'Available' }));
      await expectUsable(logout());
      await expectNoSideScroll('the open menu');
      await shot(`${size.name}-menu`);
      // Escape closes the menu and gives the focus back to its button.
      await page.keyboard.press('Escape');
      await logout().waitFor({ state: 'hidden' });
      await expect(menuButton().evaluate((b) => b === document.activeElement)).resolves.toBe(true);
      // The arrow keys walk the open menu: Down from its button to the first link, End to
      // Logout, Down round to the first again, Home there too, Up from the first to Logout.
      await page.keyboard.press('Enter');
      await logout().waitFor();
      await page.keyboard.press('ArrowDown');
      await expect(focused()).resolves.toMatch(/^Inbox/);
      await page.keyboard.press('End');
      await expect(focused()).resolves.toBe('Logout');
      await page.keyboard.press('ArrowDown');
      await expect(focused()).resolves.toMatch(/^Inbox/);
      await page.keyboard.press('ArrowDown');
      await expect(focused()).resolves.toBe('Contacts');
      await page.keyboard.press('Home');
      await expect(focused()).resolves.toMatch(/^Inbox/);
      await page.keyboard.press('ArrowUp');
      await expect(focused()).resolves.toBe('Logout');
    }
    await expectUsable(logout());
    await logout().click();
    await page.waitForURL(/\/login/);
  });

  it('a conversation: the thread, the composer and the details', async () => {
    await open(size);
    await page.goto(`${e2e.url}/inbox?view=all`);
    await row().click();
    await thread().waitFor();
    await expectNoSideScroll('a conversation');
    await expectUsable(page.getByRole('textbox', { name: 'Reply' }));
    // The bot handed the customer over: the conversation waits for an agent.
    await expectUsable(page.getByRole('button', { name: 'Assign' }));
    const box = (await thread().boundingBox())!;
    // Measured before the fix: 0 px at 390, 160 px at 800.
    expect(box.width).toBeGreaterThanOrEqual(Math.min(size.width, 1440) * (phone ? 0.9 : 0.35));
    await shot(`${size.name}-conversation`);

    if (phone) {
      // One pane at a time: the thread replaced the list, and the focus went with it.
      await expect(list().isVisible()).resolves.toBe(false);
      await expect(details().isVisible()).resolves.toBe(false);
      await expect(focused()).resolves.toBe('Maria Silva');
    } else {
      await expectUsable(row());
    }
    if (wide) {
      await expect(details().isVisible()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Details' }).isVisible()).resolves.toBe(false);
      return;
    }
    // Narrower: the details open on demand, take the focus, and give it back on closing.
    await page.getByRole('button', { name: 'Details' }).click();
    const back = details().getByRole('button', { name: 'Back to the conversation' });
    await back.waitFor();
    await expect(back.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await expect(details().getByText('Maria Silva').first().isVisible()).resolves.toBe(true);
    await expectNoSideScroll('the details');
    if (phone) await expect(thread().isVisible()).resolves.toBe(false);
    await shot(`${size.name}-details`);
    // The drawer closes with Escape as a dialog would; the phone's full screen with Back.
    if (phone) await back.click();
    else await page.keyboard.press('Escape');
    await details().waitFor({ state: 'hidden' });
    await thread().waitFor();
    await expect(
      page.getByRole('button', { name: 'Details' }).evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true);
    if (!phone) return;

    // The phone's way back: from the thread to the list, the same view still chosen.
    await expectUsable(page.getByRole('link', { name: 'Back to the list' }));
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page.waitForURL((url) => url.pathname === '/inbox' && url.search.includes('view=all'));
    await expectUsable(row());
    await expect(thread().isVisible()).resolves.toBe(false);
    await expect(row().evaluate((r) => r === document.activeElement)).resolves.toBe(true);
    await expectNoSideScroll('the list after Back');
  });

  it('settings and contacts fit; a long value is cut, and whole on hover and focus', async () => {
    await open(size);
    await page.goto(`${e2e.url}/settings/users`);
    await page.getByRole('table').first().waitFor();
    await expectNoSideScroll('settings');
    await expectUsable(
      page
        .getByRole('navigation', { name: 'Settings sections' })
        .getByRole('link', { name: 'Users' }),
    );
    await shot(`${size.name}-settings`);

    await page.goto(`${e2e.url}/contacts`);
    const cell = page.getByRole('table').locator('.truncated', { hasText: LONG_NAME });
    await cell.waitFor();
    await expectNoSideScroll('contacts');
    await expect(cell.getAttribute('title')).resolves.toBe(LONG_NAME);
    const cut = await cell.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(true);
    await cell.focus();
    await expect(cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).resolves.toBe(true);
    await shot(`${size.name}-contacts`);
  });
});

describe('the smallest screens with the full bar', () => {
  it.each([1280, 1366])(
    'at %i px the bar holds the pages and Logout, nothing scrolls',
    async (width) => {
      await open({ width, height: 800 });
      await page.goto(`${e2e.url}/inbox?view=all`);
      await row().waitFor();
      await expectNoSideScroll(`the inbox at ${width} px`);
      await expectUsable(
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }),
      );
      await expectUsable(logout());
      await shot(`bar-${width}`);
    },
  );
});

describe('the console at 360 px, the narrowest phone', () => {
  it('no page scrolls sideways', async () => {
    await open({ width: 360, height: 740 });
    const pages = [
      '/inbox',
      '/contacts',
      '/tags',
      '/catalog',
      '/accounts',
      '/knowledge',
      '/supervisor',
      '/settings/chatbots',
      '/settings/integrations',
      '/settings/users',
      '/settings/api-keys',
      '/settings/canned-responses',
    ];
    for (const where of pages) {
      await page.goto(`${e2e.url}${where}`);
      await page.locator('main h1').first().waitFor();
      // A section's own data (a table under the page's heading) may still be on its way.
      await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
      await expectNoSideScroll(where);
    }
    await page.goto(`${e2e.url}/inbox?view=all`);
    await row().click();
    await thread().waitFor();
    await expectNoSideScroll('a conversation');
  });
});

describe('the view tabs', () => {
  const tabs = () => page.getByRole('tablist', { name: 'Conversation views' }).getByRole('tab');

  /**
   * The tabs that say they are selected, and the ones that look it (raised, white), by their
   * label (the tab's first text: its count follows, out of its name).
   */
  async function selection() {
    return tabs().evaluateAll((all) => {
      const label = (t: Element) => t.firstChild?.textContent ?? '';
      return {
        selected: all.filter((t) => t.getAttribute('aria-selected') === 'true').map(label),
        looking: all.filter((t) => getComputedStyle(t).boxShadow !== 'none').map(label),
        focusable: all.filter((t) => (t as HTMLElement).tabIndex === 0).map(label),
      };
    });
  }

  it('exactly one is selected and looks it; the arrow keys, Home and End move', async () => {
    await open({ width: 1440, height: 900 });
    await page.goto(`${e2e.url}/inbox`);
    await tabs().first().waitFor();
    await expect(tabs().count()).resolves.toBe(4);
    await expect.poll(selection).toEqual({
      selected: ['Mine'],
      looking: ['Mine'],
      focusable: ['Mine'],
    });

    // The bug: the default view's tab stayed selected beside the chosen one.
    await tabs().filter({ hasText: 'Bots' }).click();
    await page.waitForURL(/view=bots/);
    await expect.poll(selection).toEqual({
      selected: ['Bots'],
      looking: ['Bots'],
      focusable: ['Bots'],
    });

    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/view=all/);
    await expect.poll(selection).toMatchObject({ selected: ['All'], looking: ['All'] });
    await expect(
      page.evaluate(() => document.activeElement?.firstChild?.textContent),
    ).resolves.toBe('All');
    await row().waitFor();

    await page.keyboard.press('ArrowRight'); // round to the first
    await expect.poll(selection).toMatchObject({ selected: ['Mine'], looking: ['Mine'] });
    await page.keyboard.press('End');
    await expect.poll(selection).toMatchObject({ selected: ['All'] });
    await page.keyboard.press('Home');
    await expect.poll(selection).toMatchObject({ selected: ['Mine'] });
    await page.keyboard.press('ArrowLeft');
    await expect.poll(selection).toMatchObject({ selected: ['All'], focusable: ['All'] });
    await shot('tabs');
  });
});
