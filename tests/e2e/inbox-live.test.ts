import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations } from '../../server/db/schema';
import { windowClosed } from '../../server/jobs/tasks/window-closed';
import { callerFor, tokenFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import {
  customerSays,
  type InboxWorld,
  inboxWorld,
  screenshotFailures,
  trpcSockets,
  widgetVisitor,
} from './inbox-fixtures';

let e2e: E2E;
let page: Page;
let world: InboxWorld;
let sockets: ReturnType<typeof trpcSockets>;

beforeAll(async () => {
  e2e = await startE2E();
  sockets = trpcSockets(e2e.server);
  world = await inboxWorld();
  page = await e2e.newPage();
  await signIn(page, e2e.url, world.agent);
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const composer = () => page.getByRole('textbox', { name: 'Reply to the customer' });

describe('the inbox stays live', () => {
  it('shows "Reconnecting…" when the live connection drops, and catches up once it is back', async () => {
    const status = page.locator('.connection');
    await page.goto(`${e2e.url}/inbox?view=bots`);
    await status.and(page.locator('[data-state="live"]')).waitFor();
    sockets.cut();
    await status.and(page.locator('[data-state="reconnecting"]')).waitFor();
    await expect(status.textContent()).resolves.toBe('Reconnecting…');

    // A customer writes while the console is cut off.
    const visitor = await widgetVisitor(e2e.url, world.bot.publicKey);
    await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'How much does it cost?',
    });
    await screenshot(page, 'inbox-reconnecting');

    sockets.restore();
    await status.and(page.locator('[data-state="live"]')).waitFor({ timeout: 15_000 });
    // An unnamed web visitor is listed as "Visitor <contact id>".
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, visitor.externalUserId));
    await page.locator('.conv-row', { hasText: `Visitor ${c!.contactId}` }).waitFor();
  });

  it('moves with j and ends the conversation with e (after confirming)', async () => {
    await page.keyboard.press('j');
    await page.waitForURL(/\/inbox\/\d+/);
    await page.getByRole('log', { name: 'Messages' }).getByText('How much does it cost?').waitFor();
    await page.keyboard.press('e');
    await page.getByRole('alertdialog', { name: 'End this conversation?' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('This conversation has ended.').waitFor();
    await expect(composer().isDisabled()).resolves.toBe(true);
    await screenshot(page, 'inbox-ended');
  });

  it('shows the WhatsApp window, interactive buttons, and locks the composer when the window closes', async () => {
    const uuid = await customerSays(e2e.url, await tokenFor(world.admin), {
      chatbotId: world.bot.id,
      externalUserId: '5511912345678',
      channel: 'WHATSAPP_CLOUD',
      content: 'Oi! I want to change my plan',
    });
    const [c] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
    await callerFor(world.agent).conversations.sendMessage({
      conversationId: c!.id,
      message: {
        type: 'interactive',
        content: {
          type: 'button',
          body: { text: 'Which plan would you like?' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'basic', title: 'Basic' } },
              { type: 'reply', reply: { id: 'premium', title: 'Premium' } },
            ],
          },
        },
      },
    });
    await page.goto(`${e2e.url}/inbox/${c!.id}`);
    await page.getByRole('list', { name: 'Reply buttons' }).getByText('Premium').waitFor();
    await page.getByText(/WhatsApp reply window closes in 2[34]h/).waitFor();
    await expect(composer().isDisabled()).resolves.toBe(false);
    await screenshot(page, 'inbox-whatsapp');

    // The window-closed job fires when the 24 hours are over; the console locks without a reload.
    await db
      .update(conversations)
      .set({ cswExpiresAt: new Date(Date.now() - 1_000) })
      .where(eq(conversations.id, c!.id));
    await windowClosed({ conversationId: c!.id }, {} as never);
    await page.getByText('The 24-hour WhatsApp window is closed.').waitFor();
    await expect(composer().isDisabled()).resolves.toBe(true);
    await screenshot(page, 'inbox-whatsapp-closed');
  });

  it("edits the contact's tags and notes and the conversation's variables from the side panel", async () => {
    await callerFor(world.admin).tags.create({ name: 'Churn risk', color: '#F04438' });
    await page.reload();
    const panel = page.getByRole('complementary', { name: 'Contact and conversation details' });
    await panel.getByRole('combobox', { name: 'Add a tag' }).selectOption({ label: 'Churn risk' });
    await panel.getByRole('button', { name: 'Remove tag Churn risk' }).waitFor();

    await panel.getByRole('textbox', { name: 'Notes' }).fill('Prefers WhatsApp; pays by boleto.');
    await panel.getByRole('button', { name: 'Save note' }).click();
    await panel.getByRole('button', { name: 'Save note' }).waitFor({ state: 'detached' });

    await panel.getByRole('button', { name: '+ Add' }).click();
    await panel.getByRole('textbox', { name: 'Variable name' }).fill('plan');
    await panel.getByRole('textbox', { name: 'Variable value' }).fill('premium');
    await panel.getByRole('button', { name: 'Add', exact: true }).click();
    await panel.getByRole('button', { name: 'Edit plan' }).click();
    await panel.getByRole('textbox', { name: 'Value of plan' }).fill('premium-annual');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByText('premium-annual').waitFor();
    await screenshot(page, 'inbox-side-panel');

    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, '5511912345678'));
    const contact = await callerFor(world.admin).contacts.get({ id: c!.contactId! });
    expect(contact.notes).toBe('Prefers WhatsApp; pays by boleto.');
    expect(contact.tags.map((t) => t.name)).toEqual(['Churn risk']);
    const vars = await callerFor(world.admin).conversations.variables({ conversationId: c!.id });
    expect(vars).toMatchObject([{ key: 'plan', value: 'premium-annual' }]);
  });

  it('focuses the search with / and filters the list as the agent types', async () => {
    await page.getByRole('heading', { name: '5511912345678' }).click();
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('nobody-by-this-name');
    await page.waitForURL(/q=nobody-by-this-name/);
    await page.getByText('Nothing here').waitFor();
    await search.fill('');
    await page.locator('.conv-row', { hasText: '5511912345678' }).waitFor();
    expect(page.url()).not.toContain('q=');
  });
});
