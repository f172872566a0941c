import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { callerFor } from '../helpers/auth';
import { api } from '../helpers/server';
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
