import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { User } from '../../server/db/schema';
import { makeWaiting } from '../factories/conversation';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { screenshotFailures } from './inbox-fixtures';

// The supervisor's agents table follows the team live (issue 23): availability and open
// conversations change on screen when the events say so, not at the table's 30 s refresh
// (the page's waits are 10 s).

let e2e: E2E;
let page: Page;
let admin: User;
let ana: User;

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  ana = await makeUser(admin.workspaceId, { role: 'agent', name: 'Ana Lima' });
  page = await e2e.newPage();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

screenshotFailures(() => page);

describe("the supervisor's agents table", () => {
  it("shows an agent's availability and open conversations as they change", async () => {
    await signIn(page, e2e.url, admin);
    await page.goto(`${e2e.url}/supervisor/assignment`);
    const row = page.getByRole('row').filter({ hasText: 'Ana Lima' });
    await row.getByText('Offline').waitFor();

    await callerFor(ana).users.setAvailability({ availability: 'online' });
    await row.getByText('Online').waitFor();

    const [waiting] = await makeWaiting(admin, 1);
    await callerFor(ana).conversations.takeover({ conversationId: waiting! });
    await row.getByRole('cell', { name: '1', exact: true }).waitFor();

    await callerFor(ana).users.setAvailability({ availability: 'away' });
    await row.getByText('Away').waitFor();
    await screenshot(page, 'supervisor-agents-live');
  });
});
