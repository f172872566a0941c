import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../server/config';
import { db } from '../../server/db/client';
import { type Conversation, conversations, type User } from '../../server/db/schema';
import { makeWorkspace } from '../factories/workspace';
import { callerFor, tokenFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { storedVisitor } from './widget-page';

// Issue 22 in the widget: a visitor on a phone attaches an image from the composer's paperclip;
// it is uploaded, sent as their media message and drawn inline in the widget and in the console.

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'widget-files-e2e-'));

/** A real 1×1 PNG, so the browser decodes it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let e2e: E2E;
let phone: BrowserContext;
let page: Page;
let admin: User;
let bot: { id: string; publicKey: string };
/** The visitor's conversation, once the first attachment opened it. */
let conversation: Conversation;

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  bot = await callerFor(admin).chatbots.create({ name: 'Repairs bot', aiEnabled: false });
  phone = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
  phone.setDefaultTimeout(10_000);
  page = await phone.newPage();
});
afterAll(async () => {
  await phone?.close();
  await e2e?.close();
});

const panel = () => page.getByRole('dialog', { name: 'Chat' });

/** Drawn, not a broken image: the signed link served the bytes. */
const decoded = (image: Locator, width: number) =>
  expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(width);

describe('a visitor attaches a file in the widget, at 390×844', () => {
  it('the image shows inline in the widget and in the console', async () => {
    await page.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panel().getByLabel('Message').waitFor();

    // Reached from the message box with the keyboard, and inside the phone's width.
    const attach = panel().getByRole('button', { name: 'Attach a file' });
    await panel().getByLabel('Message').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await attach.evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement)).toBe(
      true,
    );
    const box = (await attach.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    // A photo of the problem: a real PNG the browser makes (the page's top corner).
    const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 200, height: 120 } });
    // The first thing the visitor does is attach: the widget opens the conversation for it.
    await panel().getByLabel('File to attach').setInputFiles({
      name: 'cracked screen.png',
      mimeType: 'image/png',
      buffer: photo,
    });
    const image = panel().getByRole('img', { name: 'cracked screen.png' });
    await image.waitFor();
    await decoded(image, 200);
    expect(await image.getAttribute('src')).toMatch(/\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/);
    await screenshot(page, 'widget-attachment-inline');

    const { externalUserId } = await storedVisitor(page, bot.publicKey);
    const [c] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.externalUserId, externalUserId))
      .orderBy(desc(conversations.id))
      .limit(1);
    conversation = c!;

    const desk = await e2e.newPage();
    await signIn(desk, e2e.url, admin);
    await desk.goto(`${e2e.url}/inbox/${c!.id}`);
    const shown = desk
      .getByRole('log', { name: 'Messages' })
      .getByRole('img', { name: 'cracked screen.png' });
    await shown.waitFor();
    await decoded(shown, 200);
    await screenshot(desk, 'console-visitor-attachment');
  });

  it("an agent's PDF shows in the widget as a card with its name and size, which opens it", async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const up = await fetch(`${e2e.url}/console/files?conversationId=${conversation.uuid}`, {
      method: 'POST',
      headers: {
        'x-file-name': 'repair quote.pdf',
        authorization: `Bearer ${await tokenFor(admin)}`,
      },
      body: new Uint8Array(pdf),
    });
    const { id } = (await up.json()) as { id: string };
    await callerFor(admin).conversations.sendMessage({
      conversationId: conversation.uuid,
      message: { type: 'media', content: { attachmentId: id, caption: 'Our quote' } },
    });
    const card = panel().getByRole('link', { name: /repair quote\.pdf/ });
    await card.waitFor();
    expect(await card.textContent()).toContain(`1 kB · Download`);
    const href = (await card.getAttribute('href'))!;
    const res = await fetch(href);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
    await screenshot(page, 'widget-attachment-card');
  });

  it('a file the server refuses says why, and nothing is sent', async () => {
    await panel()
      .getByLabel('File to attach')
      .setInputFiles({
        name: 'setup.png',
        mimeType: 'image/png',
        buffer: Buffer.from('MZ\x90\x00 not an image at all', 'latin1'),
      });
    await panel()
      .getByRole('alert')
      .filter({ hasText: 'This type of file cannot be sent: images, PDFs, audio and video only.' })
      .waitFor();
    expect(await panel().getByRole('img').count()).toBe(1);
  });

  it('too large is refused with the limit', async () => {
    const limit = config.FILES_MAX_BYTES;
    config.FILES_MAX_BYTES = 64 * 1024;
    try {
      await panel()
        .getByLabel('File to attach')
        .setInputFiles({
          name: 'huge.png',
          mimeType: 'image/png',
          buffer: Buffer.concat([PNG, Buffer.alloc(100 * 1024)]),
        });
      await panel()
        .getByRole('alert')
        .filter({ hasText: 'The file is larger than 0.1 MB, the most a file may be' })
        .waitFor();
    } finally {
      config.FILES_MAX_BYTES = limit;
    }
  });
});
