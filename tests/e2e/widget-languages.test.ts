import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../server/config';
import type { User } from '../../server/db/schema';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { screenshot } from './console';
import { missingKeys, widgetText } from './widget-page';
import { startWidgetE2E, type WidgetE2E } from './widget-start';
import { chatUntilSurvey, VISITORS, visitorPage } from './widget-survey-flow';

/*
 * Issue 23, the widget in three languages, in Chromium: pt-BR from the embed snippet's
 * data-locale, es from the browser's language. Through a chat, its end and the survey, the
 * widget shows none of en's strings and asks for no key its language lacks.
 */

type Catalogue = { [key: string]: string | Catalogue };
const catalogue = (lng: string): Catalogue =>
  JSON.parse(
    readFileSync(
      new URL(`../../server/channels/widget-client/locales/${lng}.json`, import.meta.url),
      'utf8',
    ),
  );
const strings = (c: Catalogue): string[] =>
  Object.values(c).flatMap((v) => (typeof v === 'string' ? [v] : strings(v)));
/** en's strings as they can appear: the parts around their {{variables}}. */
const englishParts = strings(catalogue('en'))
  .flatMap((s) => s.split(/{{\s*\w+\s*}}/))
  .map((s) => s.trim())
  .filter((s) => s.length >= 3);

/** A real 1×1 PNG: the server checks a file's first bytes against its type. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let e2e: WidgetE2E;
let admin: User;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startWidgetE2E();
  ({ admin } = await makeWorkspace());
  // Silent: nothing but the agent answers, so every string on screen is the widget's own.
  bot = await callerFor(admin).chatbots.create({ name: 'Loja', aiEnabled: false });
}, 120_000);
afterAll(() => e2e?.close());

describe.each(VISITORS.filter((v) => v.lng !== 'en'))('the widget in $lng', (visitor) => {
  it('shows no English string and misses no key, from the bubble to the thank-you', async () => {
    const { context, page } = await visitorPage(e2e.browser, e2e.url, bot.publicKey, visitor);
    const own = catalogue(visitor.lng) as Record<string, Record<string, string>>;
    const seen = new Set<string>();
    const look = async () => {
      for (const s of await widgetText(page)) seen.add(s);
    };
    try {
      expect(await page.locator('#support-inbox-widget').getAttribute('lang')).toBe(visitor.lng);
      await chatUntilSurvey(page, bot.publicKey, admin, look, own.status!.seen);
      // The agent read it: the visitor's word for it fits the message's line, after its time.
      const state = page.locator('.msg.me .state').first();
      expect(await state.textContent()).toBe(own.status!.seen);
      const meta = (await page.locator('.msg.me .meta').first().boundingBox())!;
      const lineHeight = await state.evaluate((e) =>
        Number.parseFloat(getComputedStyle(e).lineHeight),
      );
      expect(meta.height).toBeLessThan(lineHeight * 1.5);
      await page.locator('.survey .scale button').nth(3).click();
      await page.locator('.survey textarea').waitFor();
      await look();
      await page.locator('.survey textarea').fill('Muito bom / Muy bien');
      await page.locator('.survey form button').click();
      // Sent: the controls go, the thank-you stays.
      await page.locator('.survey form').waitFor({ state: 'detached' });
      await look();
      await screenshot(page, `widget-${visitor.lng}-survey-thanks`);

      const text = [...seen].join('\n');
      expect(englishParts.filter((en) => text.includes(en))).toEqual([]);
      // And it did say its own language's words: the end, the survey's question and thanks.
      expect(text).toContain(own.ended!.notice);
      expect(text).toContain(own.status!.seen);
      expect(text).toContain(own.survey!.question);
      expect(text).toContain(own.survey!.thanks);
      expect(await missingKeys(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

/** The server's refusals of an upload are English: the widget says its own words instead. */
describe.each(VISITORS.filter((v) => v.lng !== 'en'))('a refused file in $lng', (visitor) => {
  it("is too large, too many or refused in their words, never the server's", async () => {
    const { context, page } = await visitorPage(e2e.browser, e2e.url, bot.publicKey, visitor);
    const own = catalogue(visitor.lng) as Record<string, Record<string, string>>;
    const alert = page.getByRole('alert');
    const attach = (buffer: Buffer) =>
      page.getByLabel(own.composer!.file!).setInputFiles({
        name: 'foto.png',
        mimeType: 'image/png',
        buffer,
      });
    const limit = config.FILES_MAX_BYTES;
    try {
      await page.locator('.bubble').click();
      await page.locator('.panel textarea').waitFor();
      // The real server's 413, whose message is "The file is larger than 0.1 MB, …".
      config.FILES_MAX_BYTES = 64 * 1024;
      await attach(Buffer.concat([PNG, Buffer.alloc(100 * 1024)]));
      await alert.filter({ hasText: own.files!.tooLarge! }).waitFor();
      config.FILES_MAX_BYTES = limit;
      // Too many waiting, and any other refusal, as the server words them.
      for (const [status, message, key] of [
        [429, '5 files are already waiting to be sent in this chat: send them first', 'tooMany'],
        [400, 'The file is empty', 'refused'],
      ] as const) {
        await page.route('**/widget/files', (route) =>
          route.fulfill({
            status,
            contentType: 'application/json',
            body: JSON.stringify({ statusCode: status, message, error: 'Refused' }),
          }),
        );
        await attach(PNG);
        await alert.filter({ hasText: own.files![key]! }).waitFor();
        expect(await alert.textContent()).not.toContain(message);
        await page.unroute('**/widget/files');
      }
      const text = (await widgetText(page)).join('\n');
      expect(englishParts.filter((en) => text.includes(en))).toEqual([]);
      expect(text).not.toContain('larger than');
      expect(await missingKeys(page)).toEqual([]);
    } finally {
      config.FILES_MAX_BYTES = limit;
      await context.close();
    }
  }, 60_000);
});
