import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpResponse, http } from 'msw';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../server/config';
import { cloudLine } from '../helpers/whatsapp-media';
import { mockServer } from '../mocks/server';
import { GRAPH, graphHandler, sentReply } from '../mocks/whatsapp-cloud';
import { customerMedia, mediaMessage } from '../mocks/whatsapp-cloud-media';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { screenshotFailures } from './inbox-fixtures';

// Issue 22 in the console: a customer's WhatsApp image shows "Downloading…" while the job
// fetches it, then appears inline without a reload (message:updated); one whose download
// failed for good says why.

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'whatsapp-media-e2e-'));

const PHONE_ID = '106540352242966';
const CUSTOMER = '5511955550001';
/** A real 1×1 PNG, so the browser decodes it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let e2e: E2E;
let page: Page;
let line: Awaited<ReturnType<typeof cloudLine>>;
/** Lets a held download go on (also at the end, so a failed test leaves no job hanging). */
let release = () => {};

beforeAll(async () => {
  e2e = await startE2E();
  line = await cloudLine(e2e.url, PHONE_ID);
  page = await e2e.newPage();
});
afterAll(() => {
  release();
  return e2e?.close();
});
screenshotFailures(() => page);

const thread = () => page.getByRole('log', { name: 'Messages' });

describe("a customer's WhatsApp file in the console", () => {
  it('shows Downloading…, then the image inline once stored, then a failed one with its reason', async () => {
    // The download is held until the console has shown that it is under way.
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    mockServer.use(
      graphHandler(PHONE_ID, (_b, n) => sentReply(CUSTOMER, `wamid.BOTE${n}`)),
      ...customerMedia(
        { '4000000000000001': { bytes: PNG, mimeType: 'image/png' } },
        undefined,
        async () => {
          await held;
          return undefined;
        },
      ),
    );
    await line.deliver(
      mediaMessage(CUSTOMER, 'wamid.E2E.IMG', 'image', {
        caption: 'the broken hinge',
        mime_type: 'image/png',
        id: '4000000000000001',
      }),
    );

    await signIn(page, e2e.url, line.admin);
    await page.goto(`${e2e.url}/inbox`);
    await page.getByRole('tab', { name: 'All', exact: true }).click();
    await page.locator('.conv-row', { hasText: 'Maria Santos' }).click();
    const pending = thread().getByRole('status').filter({ hasText: 'Downloading…' });
    await pending.waitFor();
    await thread().getByText('the broken hinge').waitFor();
    await screenshot(page, 'whatsapp-media-downloading');

    release();
    const image = thread().getByRole('img', { name: 'image.png' });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(1);
    expect(await pending.count()).toBe(0);

    // Media Meta no longer has: failed at once, said in the thread as it happens.
    mockServer.use(
      http.get(`${GRAPH}/4000000000000002`, () =>
        HttpResponse.json(
          {
            error: {
              message: 'Unsupported get request. Object with ID does not exist',
              type: 'GraphMethodException',
              code: 100,
            },
          },
          { status: 400 },
        ),
      ),
    );
    await line.deliver(
      mediaMessage(CUSTOMER, 'wamid.E2E.GONE', 'document', {
        filename: 'orcamento.pdf',
        mime_type: 'application/pdf',
        id: '4000000000000002',
      }),
    );
    await thread()
      .getByRole('alert')
      .filter({
        hasText: 'Download failed: Unsupported get request. Object with ID does not exist',
      })
      .waitFor();
    await screenshot(page, 'whatsapp-media-failed');
  });
});
