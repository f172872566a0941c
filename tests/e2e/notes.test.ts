import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, screenshot, signIn } from './console';
import {
  customerSays,
  type InboxWorld,
  openConsoleWithCustomer,
  screenshotFailures,
} from './inbox-fixtures';

// Issue 22 in the console: a private note written from the composer's toggle, drawn apart in
// the thread, an @mention that reaches the colleague's header; and every agent reply named.

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

describe('private notes in the console', () => {
  it('a note from the toggle, with an @mention picked from the list', async () => {
    await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'My invoice is wrong',
    });
    await signIn(page, e2e.url, world.admin);
    await page.goto(`${e2e.url}/inbox`);
    await page.getByRole('tab', { name: 'All', exact: true }).click();
    await page.locator('.conv-row', { hasText: 'Maria Silva' }).click();
    await thread().getByText('My invoice is wrong').waitFor();

    await page.getByRole('button', { name: 'Private note' }).click();
    const box = page.getByRole('textbox', { name: 'Private note, only your team sees it' });
    await box.pressSequentially('Billing says it is fine, @an');
    const list = page.getByRole('listbox', { name: 'Mention a colleague' });
    await list.getByRole('option', { name: /Ana Lima/ }).waitFor();
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Billing says it is fine, @Ana Lima ');
    await box.pressSequentially('please check');
    await box.press('Enter');

    const note = thread().getByRole('article', { name: 'Private note' });
    await note.getByText('please check').waitFor();
    await expect(note.locator('mark').textContent()).resolves.toBe('@Ana Lima');
    await expect(note.textContent()).resolves.toContain('Only your team sees this');
    await screenshot(page, 'private-note');
  });

  it('the colleague mentioned sees the count in the header and opens the conversation from it', async () => {
    const ana = await e2e.newPage();
    await signIn(ana, e2e.url, world.agent);
    await ana.goto(`${e2e.url}/inbox`);
    const mentions = ana.getByRole('button', { name: 'Mentions: 1 unread' });
    await mentions.click();
    const link = ana.getByRole('list', { name: 'Unread mentions' }).getByRole('link');
    await expect(link.textContent()).resolves.toContain('Billing says it is fine');
    await link.click();
    await ana
      .getByRole('log', { name: 'Messages' })
      .getByRole('article', { name: 'Private note' })
      .waitFor();
    await ana.getByRole('button', { name: 'Mentions: 0 unread' }).waitFor();
  });

  it("a reply after the note carries its author's name in the thread", async () => {
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = page.getByRole('textbox', { name: 'Reply to the customer' });
    await reply.fill('We are looking into it');
    await reply.press('Enter');
    const sent = thread().locator('.msg-operator', { hasText: 'We are looking into it' });
    await sent.waitFor();
    await thread().locator('.msg-operator .msg-sender', { hasText: world.admin.name }).waitFor();
  });
});
