import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      await chatUntilSurvey(page, bot.publicKey, admin, look);
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
      expect(text).toContain(own.survey!.question);
      expect(text).toContain(own.survey!.thanks);
      expect(await missingKeys(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
