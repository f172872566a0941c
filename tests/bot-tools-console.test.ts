import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '../server/auth/secrets';
import { db } from '../server/db/client';
import { chatbotTools, type User } from '../server/db/schema';
import { type E2E, screenshot, signIn, startE2E } from './e2e/console';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { eventually } from './helpers/worker';

const SECRET = 'sk-console-3c9e1f77';

let e2e: E2E;
let page: Page;
let admin: User;
beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  await callerFor(admin).chatbots.create({ name: 'Orders bot' });
  page = await e2e.newPage();
  await signIn(page, e2e.url, admin);
});
afterAll(() => e2e?.close());

const toolRow = () => page.getByRole('row').filter({ hasText: 'order_status' });

describe('the Tools card of the chatbots page', () => {
  it('creates, edits and deletes a tool, its header value never shown again', async () => {
    await page.goto(`${e2e.url}/settings/chatbots`);
    const card = page.getByRole('region', { name: 'Tools' });
    await card.getByRole('button', { name: 'New tool' }).click();
    await page.getByLabel('Name', { exact: true }).fill('order_status');
    await page.getByLabel('Description').fill('Where an order is, by its number.');
    await page.getByLabel('URL').fill('https://api.example.com/orders/{orderId}');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header name 1').fill('X-Api-Key');
    await page.getByLabel('Header value 1').fill(SECRET);
    await page.getByRole('button', { name: 'Create tool' }).click();
    await toolRow().waitFor();
    await expect.poll(() => toolRow().textContent()).toContain('X-Api-Key');
    await screenshot(page, 'settings-chatbot-tools');

    await toolRow().getByRole('button', { name: 'Edit tool order_status' }).click();
    expect(await page.getByLabel('Header value 1').inputValue()).toBe('');
    await page.getByLabel('Timeout').fill('1500');
    await page.getByRole('button', { name: 'Save tool' }).click();
    const [row] = await eventually(async () => {
      const rows = await db
        .select()
        .from(chatbotTools)
        .where(eq(chatbotTools.name, 'order_status'));
      return rows[0]?.timeoutMs === 1500 ? rows : undefined;
    });
    expect(decryptSecret(row!.headers[0]!.sealed)).toBe(SECRET);
    expect(await page.content()).not.toContain(SECRET);

    await toolRow().getByRole('button', { name: 'Delete tool order_status' }).click();
    await toolRow().getByRole('button', { name: 'Confirm: Delete tool order_status' }).click();
    await toolRow().waitFor({ state: 'detached' });
  });
});
