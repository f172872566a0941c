import { and, asc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, messages, type User } from '../../server/db/schema';
import { makeChatbot } from '../factories/chatbot';
import { namedGreeting, saveFlow } from '../factories/flow';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { customerSays, screenshotFailures, widgetVisitor } from './inbox-fixtures';

/*
 * The Tests tab in Chromium (issue 21): an admin writes a passing and a failing case for a
 * chatbot's flow, runs the suite, reads the failure and the transcript, sees what changed in a
 * second run, and turns the publish gate on; the tab fits a phone; a supervisor turns a real
 * conversation into a case from the inbox.
 */

let e2e: E2E;
let page: Page;
let admin: User;
let supervisor: User;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startE2E();
  const world = await makeWorkspace();
  admin = world.admin;
  supervisor = await makeUser(world.workspace.id, { role: 'supervisor', name: 'Sofia Supervisor' });
  // AI off: every reply is the flow's ("Your name?", then "Hi <name>!").
  bot = await makeChatbot(admin, { aiEnabled: false, name: 'Greeter' });
  await saveFlow(admin, bot.id, namedGreeting());
  await callerFor(admin).flows.publish({ chatbotId: bot.id });
  page = await e2e.newPage();
  await signIn(page, e2e.url, admin);
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const dialog = () => page.getByRole('dialog');
const result = (name: string) => page.getByRole('region', { name: `Result of ${name}` });

/** Writes a case through the form: two customer turns and one "a reply contains" expectation. */
async function createCase(name: string, expected: string) {
  await page.getByRole('button', { name: 'New test case' }).click();
  await dialog().getByLabel('Name').fill(name);
  await dialog().getByLabel('Customer turns').fill('Oi\nMaria');
  await dialog().getByLabel('Text 1').fill(expected);
  await dialog().getByRole('button', { name: 'Create test case' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.getByRole('cell', { name, exact: true }).waitFor();
}

describe('the Tests tab in a browser', () => {
  it('writes a passing and a failing case, runs them, shows the diff, and sets the publish gate', async () => {
    await page.goto(`${e2e.url}/settings/chatbots`);
    await page.getByRole('link', { name: 'Tests of Greeter' }).click();
    await page.getByRole('heading', { name: 'Tests of Greeter' }).waitFor();
    await page.getByText('No test cases yet.').waitFor();

    // The server checks a case: its message lands under the field it names.
    await page.getByRole('button', { name: 'New test case' }).click();
    await dialog().getByLabel('Name').fill('Empty expectation');
    await dialog().getByLabel('Customer turns').fill('Oi');
    await dialog().getByRole('button', { name: 'Create test case' }).click();
    await dialog().getByText('Please correct the fields marked below.').waitFor();
    await expect
      .poll(() => dialog().getByLabel('Text 1').getAttribute('aria-invalid'))
      .toBe('true');
    await dialog().getByRole('button', { name: 'Cancel' }).click();

    await createCase('Greets by name', 'Hi Maria');
    await createCase('Offers pepperoni', 'Pepperoni');

    await page.getByRole('button', { name: 'Run all' }).click();
    await result('Greets by name').getByText('PASS').waitFor();
    const failing = result('Offers pepperoni');
    await failing.getByText('FAIL').waitFor();
    await failing
      .getByRole('list', { name: 'Failed expectations of Offers pepperoni' })
      .getByText("no reply contains 'Pepperoni'")
      .waitFor();
    const transcript = failing.getByRole('list', { name: 'Transcript of Offers pepperoni' });
    await transcript.getByText('Your name?').waitFor();
    await transcript.getByText('Maria', { exact: true }).waitFor();
    await transcript.getByText('Hi Maria!').waitFor();
    await page.getByText("The suite's first run: nothing to compare with.").waitFor();
    await screenshot(page, 'bot-tests-first-run');

    // The failing case is fixed: the second run says it newly passes.
    await page.getByRole('button', { name: 'Edit test case Offers pepperoni' }).click();
    await dialog().getByLabel('Text 1').fill('Hi Maria');
    await dialog().getByRole('button', { name: 'Save test case' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Run all' }).click();
    const changes = page.getByRole('region', { name: 'Changes since the previous run' });
    await changes
      .getByRole('list', { name: 'Newly passing' })
      .getByText('Offers pepperoni')
      .waitFor();
    await result('Offers pepperoni').getByText('PASS').waitFor();
    const runs = page.getByRole('list', { name: 'Runs' }).getByRole('listitem');
    await expect.poll(() => runs.count()).toBe(2);
    // Who ran each, and its counts.
    await runs.nth(0).getByText('2 passed, 0 failed').waitFor();
    await runs.nth(1).getByText('1 passed, 1 failed').waitFor();
    expect(await runs.nth(1).getByText(admin.name).count()).toBe(1);
    // The older run is still there to read, with its failure.
    await runs.nth(1).getByRole('button').click();
    await result('Offers pepperoni').getByText('FAIL').waitFor();
    await screenshot(page, 'bot-tests-history');

    // The publish gate.
    const gate = page.getByLabel('Run the tests before publishing; refuse to publish on a failure');
    expect(await gate.isChecked()).toBe(false);
    await gate.check();
    await expect
      .poll(
        async () =>
          (await callerFor(admin).botTests.settings({ chatbotId: bot.id })).requireTestsToPublish,
      )
      .toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Tests of Greeter' }).waitFor();
    expect(await gate.isChecked()).toBe(true);

    // One case run alone: a run of its own, with that case only.
    await page.getByRole('button', { name: 'Run test case Greets by name' }).click();
    await expect.poll(() => runs.count()).toBe(3);
    await runs.nth(0).getByText('1 passed, 0 failed').waitFor();
    await expect.poll(() => result('Offers pepperoni').count()).toBe(0);
    await result('Greets by name').getByText('PASS').waitFor();
  }, 120_000);

  it('fits a phone (390×844): nothing scrolls sideways', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    try {
      const phone = await context.newPage();
      await signIn(phone, e2e.url, admin);
      await phone.goto(`${e2e.url}/settings/chatbots/${bot.id}/tests`);
      await phone.getByRole('heading', { name: 'Tests of Greeter' }).waitFor();
      await phone.getByRole('region', { name: 'Result of Greets by name' }).waitFor();
      await phone.getByRole('button', { name: 'Run test case Greets by name' }).waitFor();
      await screenshot(phone, 'bot-tests-phone');
      const width = await phone.evaluate(() => ({
        scroll: document.scrollingElement!.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(width.scroll).toBeLessThanOrEqual(width.inner);
      // The form fits too.
      await phone.getByRole('button', { name: 'New test case' }).click();
      await phone.getByRole('dialog').getByLabel('Text 1').waitFor();
      const formWidth = await phone.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(formWidth).toBeLessThanOrEqual(width.inner);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('makes a test case from a conversation, and links to it in the Tests tab', async () => {
    const visitor = await widgetVisitor(e2e.url, bot.publicKey);
    const say = (content: string) =>
      customerSays(e2e.url, visitor.token, {
        chatbotId: bot.id,
        externalUserId: visitor.externalUserId,
        content,
      });
    const uuid = await say('Oi');
    const [conversation] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.uuid, uuid));
    const botReplies = (n: number) =>
      eventually(async () => {
        const rows = await db
          .select()
          .from(messages)
          .where(and(eq(messages.conversationId, conversation!.id), eq(messages.origin, 'bot')))
          .orderBy(asc(messages.id));
        return rows.length >= n ? rows : undefined;
      });
    await botReplies(1);
    await say('Maria');
    await botReplies(2);

    const desk = await e2e.newPage();
    await signIn(desk, e2e.url, supervisor);
    await desk.goto(`${e2e.url}/inbox/${conversation!.id}`);
    const details = desk.getByRole('complementary', { name: 'Contact and conversation details' });
    await details.getByRole('button', { name: 'Make a test case' }).click();
    const name = `Conversation #${conversation!.id}`;
    await details.getByRole('link', { name: `Open ${name} in the Tests tab` }).click();
    await desk.getByRole('heading', { name: 'Tests of Greeter' }).waitFor();
    const row = desk.locator('tr.bot-test-highlight');
    await row.getByRole('cell', { name, exact: true }).waitFor();
    await row.getByText("a reply contains 'Hi Maria!' on turn 2").waitFor();
    // A supervisor reads the suite; writing and running it are the admins'.
    expect(await desk.getByRole('button', { name: 'Run all' }).count()).toBe(0);
    await screenshot(desk, 'bot-tests-from-conversation');
  }, 60_000);
});
