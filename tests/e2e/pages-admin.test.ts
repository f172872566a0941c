import { eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { apiKeys, conversations, type User } from '../../server/db/schema';
import { makeWaiting } from '../factories/conversation';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { setOnline } from '../helpers/assignment';
import { callerFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { screenshotFailures } from './inbox-fixtures';

let e2e: E2E;
let page: Page;
let admin: User;
let ana: User;
let bruno: User;
let agent: User;
let waiting: number[];

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  const crm = callerFor(admin);
  [ana, bruno, agent] = await Promise.all([
    makeUser(admin.workspaceId, { role: 'agent', name: 'Ana Lima' }),
    makeUser(admin.workspaceId, { role: 'agent', name: 'Bruno Costa' }),
    makeUser(admin.workspaceId, { role: 'agent', name: 'Carla Dias' }),
  ]);
  const vip = await crm.tags.create({ name: 'VIP', color: '#7A5AF8' });
  // Off, so the worker's cron cannot assign before the test presses Run now.
  await crm.assignment.updatePolicy({
    enabled: false,
    defaultCapacity: 5,
    tagRoutes: [{ tagId: vip.id, userIds: [ana.id] }],
  });
  // Ana has room for 2 and Bruno for 1; Carla stays offline: 4 waiting, so 1 is left over.
  await Promise.all([setOnline(ana, 2), setOnline(bruno, 1)]);
  waiting = await makeWaiting(admin, 4);
  const sales = await crm.chatbots.create({
    name: 'Sales bot',
    faq: [
      { keywords: ['price', 'cost'], answer: 'Plans start at $9.90 a month.' },
      { keywords: ['trial'], answer: 'The first week is free.' },
    ],
  });
  await crm.integrations.create({
    channel: 'WHATSAPP_CLOUD',
    name: 'WhatsApp Business',
    phoneNumber: '5511888888888',
    defaultChatbotId: sales.id,
    config: { phoneNumberId: '123' },
    credentials: { accessToken: 'token', appSecret: 'secret' },
  });
  await crm.integrations.create({ channel: 'WIDGET', name: 'Website chat' });
  page = await e2e.newPage();
  await signIn(page, e2e.url, admin);
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const nav = () => page.getByRole('navigation', { name: 'Main' });
const assignedTo = async () =>
  (
    await db
      .select({ id: conversations.id, userId: conversations.assignedUserId })
      .from(conversations)
      .where(inArray(conversations.id, waiting))
      .orderBy(conversations.id)
  ).map((c) => c.userId);

describe('the supervisor and settings pages in a browser', () => {
  it('runs auto-assignment now and shows how many were assigned and left over', async () => {
    await nav().getByRole('link', { name: 'Supervisor' }).click();
    await page.getByRole('heading', { name: 'Supervisor', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Auto-assignment' }).click();
    const policy = page.getByRole('form', { name: 'Auto-assignment policy' });
    await expect(
      policy.getByRole('switch', { name: 'Automatic assignment' }).isChecked(),
    ).resolves.toBe(false);
    await screenshot(page, 'supervisor-policy');
    expect(await assignedTo()).toEqual([null, null, null, null]);

    await page.getByRole('button', { name: 'Run now' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Assigned' });
    await result.getByText('Ana Lima: 2').waitFor();
    expect(await result.locator('p').first().textContent()).toBe(
      'Assigned 3 conversations; 1 could not be assigned (no eligible agent with room).',
    );
    await result.getByText('Bruno Costa: 1').waitFor();
    // The agents table refreshed with the new loads (its third column is "Open").
    const open = (name: string) =>
      page
        .getByRole('region', { name: 'Agents' })
        .getByRole('row')
        .filter({ hasText: name })
        .getByRole('cell')
        .nth(2);
    await expect.poll(() => open('Ana Lima').textContent()).toBe('2');
    await expect.poll(() => open('Bruno Costa').textContent()).toBe('1');
    await screenshot(page, 'supervisor-run-now');

    // Longest waiting first: the newest conversation is the one left over.
    const owners = await assignedTo();
    expect(owners[3]).toBeNull();
    expect(owners.slice(0, 3).sort()).toEqual([ana.id, ana.id, bruno.id].sort());
  });

  it('shows the dashboard', async () => {
    await page
      .getByRole('navigation', { name: 'Supervisor sections' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await page.getByLabel('Period').waitFor();
    await page.getByRole('heading', { name: "The bot's resolution rate" }).waitFor();
    await page.getByRole('heading', { name: 'Why the bot handed off' }).waitFor();
    await screenshot(page, 'supervisor-dashboard');
  });

  it('shows the settings: chatbots, channels, users, and a new API key once', async () => {
    await nav().getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings\/chatbots/);
    await page.getByRole('row').filter({ hasText: 'Sales bot' }).waitFor();
    await screenshot(page, 'settings-chatbots');
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    await sections.getByRole('link', { name: 'Channels' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'WhatsApp Business' })
      .getByText('Stored')
      .waitFor();
    await screenshot(page, 'settings-channels');
    await sections.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('row').filter({ hasText: 'Bruno Costa' }).waitFor();
    await screenshot(page, 'settings-users');
    await sections.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('Billing system');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByRole('status').filter({ hasText: 'Billing system' });
    await shown.getByRole('button', { name: 'I have copied it' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Billing system' }).getByText('Active').waitFor();
    const [key] = await db.select().from(apiKeys).where(eq(apiKeys.workspaceId, admin.workspaceId));
    expect(key).toMatchObject({ name: 'Billing system', revokedAt: null });
    await expect(shown.locator('code').textContent()).resolves.toMatch(
      new RegExp(`^${key!.keyPrefix}`),
    );
    await screenshot(page, 'settings-api-keys');
  });

  it('hides Supervisor and Settings from an agent and sends them back from /settings', async () => {
    const agentPage = await e2e.newPage();
    await signIn(agentPage, e2e.url, agent);
    const links = agentPage.getByRole('navigation', { name: 'Main' }).getByRole('link');
    await links.getByText('Accounts').waitFor();
    // Each link's label (the Inbox link's count of what waits follows it).
    const labels = () => links.evaluateAll((all) => all.map((l) => l.firstChild?.textContent));
    await expect(labels()).resolves.toEqual([
      'Inbox',
      'Contacts',
      'Tags',
      'Catalog',
      'Accounts',
      'Knowledge',
    ]);
    for (const path of ['/settings', '/settings/users', '/supervisor/assignment']) {
      await agentPage.goto(`${e2e.url}${path}`);
      await agentPage.waitForURL(/\/inbox/);
      await agentPage.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    }
    await expect(agentPage.getByRole('heading', { name: 'Settings' }).count()).resolves.toBe(0);
  });
});
