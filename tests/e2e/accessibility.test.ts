import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../helpers/auth';
import { audit } from './axe';
import { signIn } from './console';
import { consoleRoutes } from './console-routes';
import {
  type ConsoleWithCustomer,
  customerSays,
  openConsoleWithCustomer,
  screenshotFailures,
} from './inbox-fixtures';

// The accessibility audit (issue 23): axe-core in Chromium on every console route and the
// widget, with no serious or critical violation. Minor and moderate ones are not failures here.

let world: ConsoleWithCustomer;
let conversationId: number;
let chatbotId: string;

beforeAll(async () => {
  world = await openConsoleWithCustomer();
  const uuid = await customerSays(world.e2e.url, world.visitor.token, {
    chatbotId: world.world.bot.id,
    externalUserId: world.visitor.externalUserId,
    content: 'Hello, I need help with my plan',
  });
  const page = await callerFor(world.world.admin).conversations.list({ all: true });
  conversationId = page.data.find((c) => c.uuid === uuid)!.id;
  const bots = await callerFor(world.world.admin).chatbots.list();
  chatbotId = bots[0]!.id;
}, 120_000);

afterAll(async () => {
  await world?.e2e.close();
});

screenshotFailures(() => world?.page);

describe('the accessibility audit', () => {
  it('finds nothing serious on the login page and the widget', async () => {
    const { page, e2e } = world;
    await page.goto(`${e2e.url}/login`);
    await page.getByLabel('Email').waitFor();
    expect(await audit(page)).toEqual([]);
    await page.goto(`${e2e.url}/widget-demo?publicKey=${world.world.bot.publicKey}`);
    await page.waitForLoadState('networkidle');
    expect(await audit(page)).toEqual([]);
    // Open, with the greeting and a conversation (the widget's shadow root is open to axe).
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Chat' });
    await panel.getByLabel('Message').fill('What does the plan cost?');
    await panel.getByLabel('Message').press('Enter');
    await panel.getByText('Plans start at').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await audit(page)).toEqual([]);
  });

  it('finds nothing serious on any console route', async () => {
    const { page, e2e } = world;
    await signIn(page, e2e.url, world.world.admin);
    const routes = consoleRoutes({ conversationId, chatbotId });
    const found: Record<string, string[]> = {};
    for (const route of routes) {
      await page.goto(`${e2e.url}${route}`);
      await page.locator('main').first().waitFor();
      await page.waitForLoadState('networkidle');
      const violations = await audit(page);
      if (violations.length > 0) found[route] = violations;
    }
    expect(found).toEqual({});
    // Nineteen pages, each audited: the time is the machine's, not a bound on the product.
  }, 180_000);
});
