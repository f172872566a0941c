import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/i18n/locales';
import { callerFor } from '../helpers/auth';
import { api } from '../helpers/server';
import { audit } from './axe';
import { type E2E, screenshot, signIn } from './console';
import {
  customerSays,
  type InboxWorld,
  openConsoleWithCustomer,
  screenshotFailures,
} from './inbox-fixtures';

// Customer satisfaction in the console (issue 23): the rating a customer gives in the widget
// shows in the open conversation as it arrives, and on the supervisor's dashboard per agent.

let e2e: E2E;
let page: Page;
let world: InboxWorld;
let visitor: { token: string; externalUserId: string };
let ratedConversation: string;

beforeAll(async () => {
  ({ e2e, page, world, visitor } = await openConsoleWithCustomer());
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

describe('a customer rating', () => {
  it('shows live in the conversation, then on the dashboard for the agent who ended it', async () => {
    const uuid = await customerSays(e2e.url, visitor.token, {
      chatbotId: world.bot.id,
      externalUserId: visitor.externalUserId,
      content: 'My order is late',
    });
    ratedConversation = uuid;
    const ana = callerFor(world.agent);
    await ana.conversations.takeover({ conversationId: uuid });
    await signIn(page, e2e.url, world.agent);
    await page.goto(`${e2e.url}/inbox/${uuid}`);
    const panel = page.getByRole('complementary', { name: 'Contact and conversation details' });
    await panel.getByText('No satisfaction survey was asked in this conversation.').waitFor();

    await ana.conversations.end({ conversationId: uuid });
    await panel.getByText(/no answer yet/).waitFor();
    const rated = await api(e2e.url, 'POST', `/widget/survey/${uuid}`, {
      token: visitor.token,
      body: { rating: 4, comment: 'Quick and kind' },
    });
    if (rated.status !== 200) throw new Error(`survey answer: ${rated.status} ${rated.text}`);
    const rating = panel.getByTestId('csat-rating');
    await rating.getByText('4 of 5').waitFor();
    await rating.getByText('Quick and kind').waitFor();
    await screenshot(page, 'csat-conversation');

    const supervisor = await e2e.newPage();
    await signIn(supervisor, e2e.url, world.admin);
    await supervisor.goto(`${e2e.url}/supervisor`);
    const row = supervisor.getByTestId('csat-per-agent').getByRole('row', { name: /Ana Lima/ });
    await row.getByRole('cell', { name: '4.0', exact: true }).waitFor();
    await row.getByText('1: 0, 2: 0, 3: 0, 4: 1, 5: 0').waitFor();
    await supervisor.getByText('4.0 / 5').waitFor();
    await screenshot(supervisor, 'csat-dashboard');
  });
});

describe.each([
  ['en', '4 of 5', 'Customer satisfaction per agent'],
  ['pt-BR', '4 de 5', 'Satisfação dos clientes por atendente'],
  ['es', '4 de 5', 'Satisfacción de los clientes por agente'],
] as const)('in %s', (locale: Locale, ratingText, perAgentTitle) => {
  it('says the rating and the CSAT figures in the language, with no missing key and nothing serious for axe', async () => {
    await callerFor(world.admin).auth.setLocale({ locale });
    const admin = await e2e.newPage();
    await signIn(admin, e2e.url, world.admin);
    const problems: string[] = [];
    await admin.goto(`${e2e.url}/inbox/${ratedConversation}`);
    await admin.getByTestId('csat-rating').getByText(ratingText).waitFor();
    problems.push(...(await audit(admin)));
    await admin.goto(`${e2e.url}/supervisor`);
    await admin.getByRole('heading', { name: perAgentTitle }).waitFor();
    problems.push(...(await audit(admin)));
    const missing = await admin.evaluate(
      () => (window as { __missingTranslations?: string[] }).__missingTranslations ?? [],
    );
    expect([...problems, ...missing.map((k) => `missing ${k}`)]).toEqual([]);
    await screenshot(admin, `csat-dashboard-${locale}`);
    await admin.close();
  }, 120_000);
});
