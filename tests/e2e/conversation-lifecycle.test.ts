import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations } from '../../server/db/schema';
import { callerFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import {
  customerSays,
  type InboxWorld,
  inboxWorld,
  screenshotFailures,
  widgetVisitor,
} from './inbox-fixtures';

// Issue 22 in the console: an unnamed visitor named "Visitor <n>", the contact's previous
// conversations in the side panel, reopening an ended one, and snoozing it out of the list.

let e2e: E2E;
let page: Page;
let world: InboxWorld;
let first: string;
let second: string;
let label: string;

async function rowOf(uuid: string) {
  const [row] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
  return row!;
}

beforeAll(async () => {
  e2e = await startE2E();
  world = await inboxWorld();
  const visitor = await widgetVisitor(e2e.url, world.bot.publicKey);
  const says = (content: string) =>
    customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content,
    });
  first = await says('My order never arrived');
  await callerFor(world.admin).conversations.end({ conversationId: first });
  // The customer writing after the end opens a new conversation.
  second = await says('Hello again, one more question');
  label = `Visitor ${(await rowOf(second)).contactId}`;
  page = await e2e.newPage();
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const header = () => page.locator('.conversation-header');
const list = () => page.locator('.conv-row');

describe('conversations that go on, in the console', () => {
  it('names the unnamed visitor, finds them by the label, and lists their previous conversation', async () => {
    await signIn(page, e2e.url, world.admin);
    await page.goto(`${e2e.url}/inbox?view=all`);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(label);
    // Both of the visitor's conversations, each named by the label.
    await expect.poll(() => list().filter({ hasText: label }).count()).toBe(2);
    await list()
      .and(page.locator(`[data-conversation-id="${(await rowOf(second)).id}"]`))
      .click();
    await header().getByRole('heading', { name: label }).waitFor();
    await page.getByText('Hello again, one more question').first().waitFor();

    const previous = page.locator('section[aria-labelledby="panel-previous"]');
    const link = previous.getByRole('link');
    await expect.poll(() => link.count()).toBe(1);
    await expect(link.textContent()).resolves.toContain('Ended');
    await expect(link.textContent()).resolves.toContain('My order never arrived');
    await screenshot(page, 'previous-conversations');
  });

  it('reopens the ended conversation once the newer one has ended', async () => {
    await header().getByRole('button', { name: 'End', exact: true }).click();
    await page.getByRole('button', { name: 'End conversation' }).click();
    await header().getByRole('button', { name: 'Reopen' }).waitFor();

    await page.locator('section[aria-labelledby="panel-previous"]').getByRole('link').click();
    await page.getByText('My order never arrived').first().waitFor();
    await header().getByText('Ended', { exact: true }).waitFor();
    await header().getByRole('button', { name: 'Reopen' }).click();
    await header().getByText('Assigned to you').waitFor();
    await header().getByRole('button', { name: 'Reopen' }).waitFor({ state: 'detached' });
    expect(await rowOf(first)).toMatchObject({ status: 'paused', assignedUserId: world.admin.id });
  });

  it('snoozes it out of the list, shows it under Snoozed, and brings it back', async () => {
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');
    await header()
      .getByRole('button', { name: /^Snooze/ })
      .click();
    await page
      .getByRole('menu', { name: 'Snooze until' })
      .getByRole('menuitem', { name: /In 1 hour/ })
      .click();
    await header()
      .getByText(/^Snoozed until/)
      .waitFor();
    const row = page.locator(`.conv-row[data-conversation-id]`, {
      hasText: 'My order never arrived',
    });
    await row.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Snoozed', exact: true }).click();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Snoozed until');
    await screenshot(page, 'snoozed-view');

    await header().getByRole('button', { name: 'Unsnooze' }).click();
    await header()
      .getByRole('button', { name: /^Snooze/ })
      .waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Snoozed', exact: true }).click();
    await row.waitFor();
  });
});
