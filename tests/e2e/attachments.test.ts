import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../server/config';
import { type E2E, screenshot, signIn } from './console';
import {
  customerSays,
  type InboxWorld,
  openConsoleWithCustomer,
  screenshotFailures,
} from './inbox-fixtures';

// Issue 22 in the console: an agent attaches a PNG from the composer; it is uploaded, sent as
// a media message and drawn inline in the thread through its signed link.

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'files-e2e-'));

/** A real 1×1 PNG, so the browser decodes it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

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

describe('attachments in the console', () => {
  it('an agent attaches a PNG and it shows inline in the thread', async () => {
    await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'Can you send me the screenshot?',
    });
    await signIn(page, e2e.url, world.admin);
    await page.goto(`${e2e.url}/inbox`);
    await page.getByRole('tab', { name: 'All', exact: true }).click();
    await page.locator('.conv-row', { hasText: 'Maria Silva' }).click();
    await thread().getByText('Can you send me the screenshot?').waitFor();

    await page.getByRole('button', { name: 'Attach a file' }).waitFor();
    await page.getByLabel('File to attach').setInputFiles({
      name: 'settings screen.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    const image = thread().locator('.msg-operator').getByRole('img', {
      name: 'settings screen.png',
    });
    await image.waitFor();
    // Drawn, not a broken image: the signed link served the bytes.
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    expect(await image.getAttribute('src')).toMatch(/^\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/);
    await screenshot(page, 'attachment-inline');
  });

  it('a file the server refuses says why', async () => {
    await page.getByLabel('File to attach').setInputFiles({
      name: 'setup.png',
      mimeType: 'image/png',
      buffer: Buffer.from('MZ\x90\x00 not an image at all', 'latin1'),
    });
    await page
      .getByRole('alert')
      .filter({ hasText: /This type of file cannot be attached/ })
      .waitFor();
  });
});
