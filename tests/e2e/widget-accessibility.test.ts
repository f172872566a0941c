import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../server/db/schema';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { audit } from './axe';
import { screenshot } from './console';
import { startWidgetE2E, type WidgetE2E } from './widget-start';
import { chatUntilSurvey, VISITORS, visitorPage } from './widget-survey-flow';

/*
 * Issue 23, the widget's accessibility audit: axe-core in Chromium, in each language, closed,
 * open with a conversation and the agent typing, ended with the survey showing, and with its
 * comment box; no serious or critical violation. The survey works by keyboard alone.
 */

let e2e: WidgetE2E;
let admin: User;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startWidgetE2E();
  ({ admin } = await makeWorkspace());
  bot = await callerFor(admin).chatbots.create({ name: 'Help desk', aiEnabled: false });
}, 120_000);
afterAll(() => e2e?.close());

describe.each(VISITORS)('the widget in $lng', (visitor) => {
  it('has no serious or critical violation, closed, open, ended with its survey', async () => {
    const { context, page } = await visitorPage(e2e.browser, e2e.url, bot.publicKey, visitor);
    const found: Record<string, string[]> = {};
    const check = async (stage: string) => {
      await page.waitForLoadState('networkidle');
      const violations = await audit(page);
      if (violations.length) found[stage] = violations;
    };
    try {
      await chatUntilSurvey(page, bot.publicKey, admin, check);
      await screenshot(page, `widget-a11y-${visitor.lng}-survey`);
      // By keyboard alone: Tab reaches the ratings, Enter rates, the comment box follows.
      const first = page.locator('.survey .scale button').first();
      await first.focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('.survey .scale button').nth(1).getAttribute('aria-pressed'))
        .toBe('true');
      await page.locator('.survey textarea').waitFor();
      await check('comment');
      expect(found).toEqual({});
    } finally {
      await context.close();
    }
  }, 90_000);
});
