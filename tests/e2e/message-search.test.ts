import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, screenshot, signIn } from './console';
import {
  customerSays,
  type InboxWorld,
  openConsoleWithCustomer,
  screenshotFailures,
} from './inbox-fixtures';

let e2e: E2E;
let page: Page;
let world: InboxWorld;
let visitor: { token: string; externalUserId: string };

beforeAll(async () => {
  ({ e2e, page, world, visitor } = await openConsoleWithCustomer());
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

describe('message search in the console', () => {
  it('finds a message without its accents, marks the words, and jumps to it in its thread', async () => {
    const say = (content: string) =>
      customerSays(e2e.url, visitor.token, {
        chatbotId: world.bot.id,
        externalUserId: visitor.externalUserId,
        content,
      });
    await say('A minha devolução <b>ainda</b> não chegou');
    await say('Hello again');
    await signIn(page, e2e.url, world.admin);
    await page.goto(`${e2e.url}/inbox`);
    await page.getByRole('button', { name: 'Search messages' }).click();
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('devolucao');
    const hit = page.locator('.msearch-hit', { hasText: 'Maria Silva' });
    await hit.waitFor();
    // The words marked, the rest as text: a tag in a message is shown, never rendered.
    await expect(hit.locator('mark').allTextContents()).resolves.toEqual(['devolução']);
    await expect(hit.locator('.msearch-snippet').textContent()).resolves.toBe(
      'A minha devolução <b>ainda</b> não chegou',
    );
    await expect(hit.locator('b').count()).resolves.toBe(0);
    await screenshot(page, 'message-search');
    await hit.click();
    const found = page.locator('.msg.msg-found');
    await found.waitFor();
    await expect(found.textContent()).resolves.toContain('A minha devolução');
    await screenshot(page, 'message-search-jump');
  });

  it('says why a query of two letters is not searched', async () => {
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('de');
    await page.getByText('Type at least 3 letters.').waitFor();
  });
});
