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

const composer = () => page.getByRole('textbox', { name: 'Reply to the customer' });
const thread = () => page.getByRole('log', { name: 'Messages' });
const BODY = 'Hi {{contact.name}}, {{agent.name}} here. How can I help?';

describe('canned responses and emoji in the console', () => {
  it('a supervisor-or-admin creates a shared canned response on its page', async () => {
    await signIn(page, e2e.url, world.admin);
    await page.goto(`${e2e.url}/settings/canned-responses`);
    await page.getByRole('button', { name: 'New canned response' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Who can use it').selectOption('shared');
    await dialog.getByLabel('Shortcut').fill('two words');
    await dialog.getByLabel('Title').fill('Welcome');
    await dialog.getByLabel('Body').fill(BODY);
    await dialog.getByRole('button', { name: 'Create response' }).click();
    // The server's message, next to its field.
    await dialog.getByText('Shortcut must be 1 to 50 letters, digits, - or _').waitFor();
    await dialog.getByLabel('Shortcut').fill('welcome');
    await dialog.getByRole('button', { name: 'Create response' }).click();
    const created = page.getByRole('row').filter({ hasText: '/welcome' });
    await created.getByText('Everyone').waitFor();
    await screenshot(page, 'canned-responses');
  });

  it('an agent sees it without Edit, and creates only their own', async () => {
    const agentPage = await e2e.newPage();
    await signIn(agentPage, e2e.url, world.agent);
    await agentPage.goto(`${e2e.url}/settings/canned-responses`);
    const shared = agentPage.getByRole('row').filter({ hasText: '/welcome' });
    await shared.waitFor();
    await expect(shared.getByRole('button').count()).resolves.toBe(0);
    await agentPage.getByRole('button', { name: 'New canned response' }).click();
    const dialog = agentPage.getByRole('dialog');
    await dialog.getByLabel('Shortcut').waitFor();
    await expect(dialog.getByLabel('Who can use it').count()).resolves.toBe(0);
  });

  it('/ + part of the shortcut, Enter: the body filled with the contact and the agent, then sent', async () => {
    await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'Hello there',
    });
    await page.goto(`${e2e.url}/inbox`);
    await page.getByRole('tab', { name: 'All', exact: true }).click();
    const row = page.locator('.conv-row', { hasText: 'Maria Silva' });
    await row.click();
    await thread().getByText('Hello there').waitFor();
    // The built-in responder knows no answer: it hands the conversation off to a human.
    await page.getByText('Waiting for an agent').waitFor();

    await composer().click();
    await composer().pressSequentially('/wel');
    const list = page.getByRole('listbox', { name: 'Canned responses' });
    const option = list.getByRole('option').filter({ hasText: '/welcome' });
    await option.waitFor();
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(composer().getAttribute('aria-activedescendant')).resolves.toBe(
      await option.getAttribute('id'),
    );
    await screenshot(page, 'canned-picker');
    // Escape closes the list; typing on opens it again.
    await composer().press('Escape');
    await list.waitFor({ state: 'detached' });
    await composer().pressSequentially('c');
    await option.waitFor();
    await composer().press('Enter');
    const filled = 'Hi Maria Silva, Admin here. How can I help?';
    await expect.poll(() => composer().inputValue()).toBe(filled);
    await expect(list.count()).resolves.toBe(0);
    await composer().press('Enter');
    await thread().locator('.msg-operator').getByText(filled).waitFor();
    await expect(composer().inputValue()).resolves.toBe('');
  });

  it('an emoji from the picker goes in at the caret', async () => {
    await composer().fill('Thanks !');
    await composer().evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 7));
    await page.getByRole('button', { name: 'Insert emoji' }).click();
    const emoji = page.locator('.emoji-popover [data-epr-part="emoji"]').first();
    await emoji.waitFor();
    await screenshot(page, 'emoji-picker');
    await emoji.click();
    await expect
      .poll(() => composer().inputValue())
      .toMatch(/^Thanks \p{Extended_Pictographic}\uFE0F?!$/u);
    await page.keyboard.press('Escape');
    await page.locator('.emoji-popover').waitFor({ state: 'detached' });
  });
});
