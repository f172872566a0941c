import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../server/db/schema';
import { type DemoLogin, seedDemoIfEmpty } from '../../server/demo/seed';
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
let demo: DemoLogin;

beforeAll(async () => {
  e2e = await startE2E();
  // First, on this file's empty database: the demo workspace, as a first start seeds it.
  demo = (await seedDemoIfEmpty(await mkdtemp(path.join(tmpdir(), 'e2e-demo-'))))!;
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

describe('the demo workspace in a browser', () => {
  it('shows its conversations, the bot’s handoff reason and an agent’s note', async () => {
    const demoPage = await e2e.newPage();
    await demoPage.goto(`${e2e.url}/login`);
    await demoPage.getByLabel('Email').fill(demo.email);
    await demoPage.getByLabel('Password').fill(demo.password);
    await demoPage.getByRole('button', { name: 'Sign in' }).click();
    await demoPage.waitForURL(/\/inbox/);
    await demoPage.getByRole('tab', { name: 'All', exact: true }).click();
    const row = (name: string) => demoPage.locator('.conv-row', { hasText: name });
    for (const name of ['Emily Carter', 'Lucía Fernández', 'Beatriz Costa', 'Daniel Brooks'])
      await row(name).waitFor();
    const thread = () => demoPage.getByRole('log', { name: 'Messages' });
    await row('Lucía Fernández').click();
    await thread()
      .getByText('The bot handed off: Double charge on the November invoice', { exact: false })
      .waitFor();
    await row('Beatriz Costa').click();
    await thread().getByRole('article', { name: 'Private note' }).waitFor();
    await screenshot(demoPage, 'first-start-demo');
  });
});
