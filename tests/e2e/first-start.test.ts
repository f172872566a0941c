import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../server/db/schema';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { screenshotFailures } from './inbox-fixtures';

let e2e: E2E;
let page: Page;
let admin: User;
let agent: User;
let publicKey: string;

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  agent = await makeUser(admin.workspaceId, { role: 'agent', name: 'Ana Lima' });
  ({ publicKey } = await callerFor(admin).chatbots.create({ name: 'Help bot' }));
  page = await e2e.newPage();
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const emptyInbox = () => page.locator('.conv-list-state');
const checklist = () => page.getByRole('region', { name: 'Set up your workspace' });
const doneStep = (name: string) =>
  checklist().locator('.setup-step-done', { has: page.getByRole('link', { name }) });

describe('a first start in a browser', () => {
  it('the empty inbox explains itself and links to the widget demo and, for admins, the channels', async () => {
    await signIn(page, e2e.url, admin);
    await emptyInbox().getByText('Nothing here').waitFor();
    const demo = emptyInbox().getByRole('link', { name: 'Open the widget demo page' });
    const href = await demo.getAttribute('href');
    expect(href).toBe(`/widget-demo?publicKey=${encodeURIComponent(publicKey)}`);
    await emptyInbox().getByRole('link', { name: 'Connect a channel' }).waitFor();
    await screenshot(page, 'first-start-admin');

    const widgetPage = await e2e.newPage();
    const res = await widgetPage.goto(`${e2e.url}${href}`);
    expect(res?.status()).toBe(200);
    expect(await widgetPage.title()).toBe('Widget demo · Support Inbox');
  });

  it('shows the admin a checklist that ticks itself from the workspace and can be dismissed', async () => {
    await checklist().waitFor();
    for (const name of ['Connect a channel', 'Invite your agents'])
      await checklist().getByRole('link', { name }).waitFor();
    // The agent made before the test counts: a user besides the founder.
    await doneStep('Invite your agents').waitFor();
    expect(await doneStep('Connect a channel').count()).toBe(0);

    await callerFor(admin).integrations.create({ channel: 'WIDGET', name: 'Website chat' });
    await page.reload();
    await doneStep('Connect a channel').waitFor();

    await checklist().getByRole('button', { name: 'Dismiss' }).click();
    await checklist().waitFor({ state: 'detached' });
    await page.reload();
    await emptyInbox().getByText('Nothing here').waitFor();
    expect(await checklist().count()).toBe(0);
  });

  it('shows an agent no checklist and no channel settings', async () => {
    const agentPage = await e2e.newPage();
    await signIn(agentPage, e2e.url, agent);
    const empty = agentPage.locator('.conv-list-state');
    await empty.getByRole('link', { name: 'Open the widget demo page' }).waitFor();
    await agentPage.getByText('Pick a conversation').waitFor();
    expect(await empty.getByRole('link', { name: 'Connect a channel' }).count()).toBe(0);
    expect(await agentPage.getByRole('region', { name: 'Set up your workspace' }).count()).toBe(0);
  });
});
