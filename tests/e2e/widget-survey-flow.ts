import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import { callerFor } from '../helpers/auth';
import { storedVisitor } from './widget-page';

/** The three languages as a visitor gets them: the snippet's data-locale, or the browser's. */
export const VISITORS = [
  { lng: 'en', browserLocale: 'en-US', snippet: '' },
  { lng: 'pt-BR', browserLocale: 'en-US', snippet: 'pt-BR' },
  { lng: 'es', browserLocale: 'es-ES', snippet: '' },
] as const;
export type Visitor = (typeof VISITORS)[number];

/** A page in the visitor's browser language, on the demo page with their snippet. */
export async function visitorPage(
  browser: Browser,
  url: string,
  publicKey: string,
  visitor: Visitor,
  viewport = { width: 1280, height: 800 },
) {
  const context = await browser.newContext({ locale: visitor.browserLocale, viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const locale = visitor.snippet ? `&locale=${visitor.snippet}` : '';
  await page.goto(`${url}/widget-demo?publicKey=${publicKey}${locale}`);
  await page.locator('.bubble').waitFor();
  return { context, page };
}

/** The visitor's latest conversation (by the visitor the widget stored). */
export async function latestConversation(page: Page, publicKey: string) {
  const { externalUserId } = await storedVisitor(page, publicKey);
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId))
    .orderBy(desc(conversations.id))
    .limit(1);
  return c!;
}

/**
 * Opens the widget, writes, lets the agent type (and read, when `seen` is the visitor's word
 * for it: the helper waits for it on their message) and end the chat: the end notice with its
 * survey showing. `at` is called at each stage the widget looks different.
 */
export async function chatUntilSurvey(
  page: Page,
  publicKey: string,
  agent: User,
  at: (stage: 'closed' | 'open' | 'ended') => Promise<void>,
  seen?: string,
) {
  await at('closed');
  await page.locator('.bubble').click();
  await page.locator('.panel textarea').fill('Olá / Hola');
  await page.locator('.panel textarea').press('Enter');
  await page.locator('.msg.me .state').filter({ hasNotText: /…/ }).waitFor();
  const c = await latestConversation(page, publicKey);
  await callerFor(agent).conversations.typing({
    conversationId: c.id,
    isTyping: true,
    mode: 'reply',
  });
  await page.locator('.typing').filter({ hasText: /./ }).waitFor();
  if (seen) {
    await callerFor(agent).conversations.read({ conversationId: c.id });
    await page.locator('.msg.me .state').filter({ hasText: seen }).waitFor();
  }
  await at('open');
  await callerFor(agent).conversations.end({ conversationId: c.id });
  await page.locator('.survey .scale button').first().waitFor();
  await at('ended');
  return c;
}
