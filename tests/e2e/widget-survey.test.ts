import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { csatResponses, type User } from '../../server/db/schema';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { eventually } from '../helpers/worker';
import { screenshot } from './console';
import { startWidgetE2E, type WidgetE2E } from './widget-start';
import { latestConversation, VISITORS, visitorPage } from './widget-survey-flow';

/*
 * Issue 23's CSAT in the widget, in Chromium against the real /widget/survey routes: asked in
 * the end notice, the rating posted at once and the comment after it; shown again to a widget
 * opened later on the ended conversation (the comment box still open to a visitor who rated
 * but did not comment, only the thanks once they did); not shown when the chatbot's survey is off;
 * a 409 takes it away without a word.
 */

let e2e: WidgetE2E;
let admin: User;
let bot: { id: string; publicKey: string };
let quiet: { id: string; publicKey: string };
const en = VISITORS[0];

beforeAll(async () => {
  e2e = await startWidgetE2E();
  ({ admin } = await makeWorkspace());
  bot = await callerFor(admin).chatbots.create({ name: 'Help desk', aiEnabled: false });
  quiet = await callerFor(admin).chatbots.create({
    name: 'No survey',
    aiEnabled: false,
    csatEnabled: false,
  });
}, 120_000);
afterAll(() => e2e?.close());

const survey = (page: Page) => page.getByRole('group', { name: 'How would you rate this chat?' });
const rateButton = (page: Page, n: number) =>
  survey(page).getByRole('button', { name: new RegExp(`^${n} out of 5`) });

/** Opens the widget, writes once and has the agent end the chat. */
async function chatAndEnd(page: Page, publicKey: string) {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const box = page.getByRole('dialog', { name: 'Chat' }).getByRole('textbox', { name: 'Message' });
  await box.fill('My order never came');
  await box.press('Enter');
  await page.locator('.msg.me').getByText('Sent').waitFor();
  const c = await latestConversation(page, publicKey);
  await callerFor(admin).conversations.end({ conversationId: c.id });
  await page.getByText('This chat has ended').waitFor();
  return c;
}

const answer = (conversationId: number) =>
  eventually(async () => {
    const [row] = await db
      .select()
      .from(csatResponses)
      .where(eq(csatResponses.conversationId, conversationId));
    return row?.rating ? row : null;
  });

describe('the rating survey in the widget', () => {
  it('rates at the end, then comments; a thank-you after each', async () => {
    const { context, page } = await visitorPage(e2e.browser, e2e.url, bot.publicKey, en, {
      width: 390,
      height: 844,
    });
    try {
      const c = await chatAndEnd(page, bot.publicKey);
      const comment = survey(page).getByLabel('Anything you would like to add? (optional)');
      await rateButton(page, 2).waitFor();
      // The comment box comes with a rating, not before.
      expect(await comment.isVisible()).toBe(false);
      await rateButton(page, 2).click();
      await survey(page).getByText('Thanks for your rating!').waitFor();
      expect(await rateButton(page, 2).getAttribute('aria-pressed')).toBe('true');
      expect(await answer(c.id)).toMatchObject({ rating: 2, comment: null });
      await comment.fill('Slow');
      await screenshot(page, 'widget-survey-phone-comment');
      await survey(page).getByRole('button', { name: 'Send your comment' }).click();
      await survey(page).getByText('Thank you for your feedback.').waitFor();
      expect(await survey(page).getByRole('button').count()).toBe(0);
      await expect.poll(async () => (await answer(c.id)).comment).toBe('Slow');
      // A new chat still starts from the notice.
      await page.getByRole('button', { name: 'Start a new chat' }).click();
      await expect.poll(() => survey(page).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('is asked again after a reload: unrated; rated, with the comment box; then only thanks', async () => {
    const { context, page } = await visitorPage(e2e.browser, e2e.url, bot.publicKey, en);
    const reopen = async () => {
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByText('This chat has ended').waitFor();
    };
    try {
      const c = await chatAndEnd(page, bot.publicKey);
      await rateButton(page, 1).waitFor();
      await reopen();
      await rateButton(page, 5).click();
      expect(await answer(c.id)).toMatchObject({ rating: 5, comment: null });
      // Rated, not commented: the rating and its thank-you, and the comment can still come.
      await reopen();
      await survey(page).getByText('Thanks for your rating!').waitFor();
      expect(await rateButton(page, 5).getAttribute('aria-pressed')).toBe('true');
      expect(await rateButton(page, 1).getAttribute('aria-pressed')).toBe('false');
      await survey(page).getByLabel('Anything you would like to add? (optional)').fill('Quick');
      await survey(page).getByRole('button', { name: 'Send your comment' }).click();
      await survey(page).getByText('Thank you for your feedback.').waitFor();
      await expect.poll(async () => (await answer(c.id)).comment).toBe('Quick');
      expect((await answer(c.id)).rating).toBe(5);
      // Commented: only the thanks, nothing to press or fill.
      await reopen();
      const notice = page.locator('.ended');
      await notice.locator('.survey').getByText('Thank you for your feedback.').waitFor();
      expect(await survey(page).count()).toBe(0);
      expect(await notice.locator('.survey button, .survey textarea').count()).toBe(0);
      expect(await page.getByText('Thanks for your rating!').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("is not shown when the chatbot's survey is off, and goes quietly on a 409", async () => {
    const off = await visitorPage(e2e.browser, e2e.url, quiet.publicKey, en);
    try {
      await chatAndEnd(off.page, quiet.publicKey);
      await off.page.waitForLoadState('networkidle');
      expect(await survey(off.page).count()).toBe(0);
    } finally {
      await off.context.close();
    }
    const { context, page } = await visitorPage(e2e.browser, e2e.url, bot.publicKey, en);
    try {
      await chatAndEnd(page, bot.publicKey);
      // Nothing asked any more by the time the visitor answers (an agent reopened it, say).
      await page.route('**/widget/survey/*', (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 409,
              contentType: 'application/json',
              body: JSON.stringify({
                statusCode: 409,
                message: 'Nothing to rate',
                error: 'Conflict',
              }),
            })
          : route.fallback(),
      );
      await rateButton(page, 3).click();
      await expect.poll(() => survey(page).count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.getByText('This chat has ended').waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);
});
