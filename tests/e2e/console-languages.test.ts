import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/i18n/locales';
import en from '../../web/src/locales/en';
import es from '../../web/src/locales/es';
import ptBR from '../../web/src/locales/pt-BR';
import { callerFor } from '../helpers/auth';
import { audit } from './axe';
import { screenshot, signIn } from './console';
import { consoleRoutes } from './console-routes';
import {
  type ConsoleWithCustomer,
  customerSays,
  openConsoleWithCustomer,
  screenshotFailures,
} from './inbox-fixtures';

// Every console page in Portuguese (Brazil) and Spanish (issue 23): the page says its
// language, asks for no key its language lacks, shows no English in its buttons, headings,
// labels and tabs, and passes the accessibility audit in that language.

type Tree = { [key: string]: string | Tree };
const texts = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : texts(v)));
const wordsOf = (s: string) =>
  s
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 4);

/** Words of the English catalogues that no Portuguese or Spanish text uses. */
const englishOnly = (() => {
  const other = new Set([...texts(ptBR as Tree), ...texts(es as Tree)].flatMap(wordsOf));
  return new Set(
    texts(en as Tree)
      .flatMap(wordsOf)
      .filter((w) => !other.has(w)),
  );
})();

let world: ConsoleWithCustomer;
let routes: string[];

beforeAll(async () => {
  world = await openConsoleWithCustomer();
  const uuid = await customerSays(world.e2e.url, world.visitor.token, {
    chatbotId: world.world.bot.id,
    externalUserId: world.visitor.externalUserId,
    content: 'Olá, quanto custa o plano?',
  });
  const admin = callerFor(world.world.admin);
  const page = await admin.conversations.list({ all: true });
  const conversationId = page.data.find((c) => c.uuid === uuid)!.id;
  const chatbotId = (await admin.chatbots.list())[0]!.id;
  routes = consoleRoutes({ conversationId, chatbotId });
  await signIn(world.page, world.e2e.url, world.world.admin);
}, 120_000);

afterAll(async () => {
  await world?.e2e.close();
});

screenshotFailures(() => world?.page);

describe.each(['pt-BR', 'es'] as const)('the console in %s', (locale: Locale) => {
  it('renders every route in the language, with no missing key, no English and no serious audit finding', async () => {
    const { page, e2e } = world;
    await callerFor(world.world.admin).auth.setLocale({ locale });
    const found: Record<string, string[]> = {};
    for (const route of routes) {
      await page.goto(`${e2e.url}${route}`);
      await page.locator('main').first().waitFor();
      await page.waitForLoadState('networkidle');
      const problems: string[] = [];
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== locale) problems.push(`lang=${lang}`);
      const missing = await page.evaluate(() => window.__missingTranslations ?? ['no i18n']);
      problems.push(...missing.map((k) => `missing ${k}`));
      const chrome = await page
        .locator('nav a, main h1, main h2, main h3, button, label, th, [role=tab], legend')
        .allInnerTexts();
      for (const text of chrome) {
        // The signed-in user's name is data ("Admin"), not a word of the console.
        if (text.trim() === world.world.admin.name) continue;
        const english = wordsOf(text).filter((w) => englishOnly.has(w));
        if (english.length > 0)
          problems.push(`English: "${text.slice(0, 60)}" (${english.join(', ')})`);
      }
      problems.push(...(await audit(page)));
      if (problems.length > 0) found[route] = [...new Set(problems)];
    }
    await page.goto(`${e2e.url}/inbox`);
    await page.locator('main').first().waitFor();
    await screenshot(page, `languages-inbox-${locale}`);
    expect(found).toEqual({});
  }, 240_000);

  it("fits the header's links in the bar where the bar holds them, and folds them below", async () => {
    const { page, e2e } = world;
    await callerFor(world.world.admin).auth.setLocale({ locale });
    const overflow: Record<number, number> = {};
    for (const width of [1280, 1366, 1440, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${e2e.url}/contacts`);
      const nav = page.locator('.app-nav');
      await nav.waitFor();
      const hidden = await nav.evaluate((n) => n.scrollWidth - n.clientWidth);
      if (hidden > 1) overflow[width] = hidden;
    }
    expect(overflow).toEqual({});
    await page.setViewportSize({ width: 1279, height: 900 });
    await expect
      .poll(() => page.locator('.app-menu-button').isVisible(), { timeout: 5_000 })
      .toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
});

describe('choosing a language', () => {
  it('follows the choice at once and on the next visit, and goes back to the browser’s', async () => {
    const { page, e2e } = world;
    await callerFor(world.world.admin).auth.setLocale({ locale: null });
    await page.goto(`${e2e.url}/settings/notifications`);
    const picker = page.getByLabel('Language', { exact: true });
    await picker.selectOption('es');
    // The page redraws in Spanish without a reload, and says so to assistive technology.
    await page.getByRole('heading', { name: 'Notificaciones' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect((await callerFor(world.world.admin).auth.me()).locale).toBe('es');
    await page.reload();
    await page.getByRole('heading', { name: 'Notificaciones' }).waitFor();
    await page.getByLabel('Idioma', { exact: true }).selectOption('');
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await callerFor(world.world.admin).auth.me()).locale).toBeNull();
  }, 60_000);
});

declare global {
  interface Window {
    __missingTranslations?: string[];
  }
}
