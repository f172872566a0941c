import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, messages, type User } from '../../server/db/schema';
import { NO_MODEL_REASON } from '../../server/services/copilot/availability';
import { kindOf, workspaceWithKnowledge } from '../copilot/setup';
import { makeUser } from '../factories/user';
import { useOpenAI } from '../helpers/worker';
import { completion, openaiHandler } from '../mocks/openai';
import { mockServer } from '../mocks/server';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { customerSays, screenshotFailures, widgetVisitor } from './inbox-fixtures';

let e2e: E2E;
let page: Page;
let agent: User;
let bot: { id: string; publicKey: string };
let visitor: { token: string; externalUserId: string };
let conversationId: number;

const DRAFT = 'Refunds reach your card within 5 business days of the return arriving.';
const ASKED = 'Customer wants to know how long a refund takes.';
const AT_HANDOFF = 'Customer asked for a person after a question about refunds.';

beforeAll(async () => {
  e2e = await startE2E();
  const world = await workspaceWithKnowledge(true);
  bot = world.bot;
  agent = await makeUser(world.workspace.id, { role: 'agent', name: 'Ana Lima' });
  visitor = await widgetVisitor(e2e.url, bot.publicKey);
  page = await e2e.newPage();
});
afterAll(async () => {
  useOpenAI(false);
  await e2e?.close();
});
screenshotFailures(() => page);

const say = (content: string) =>
  customerSays(e2e.url, visitor.token, {
    chatbotId: bot.id,
    externalUserId: visitor.externalUserId,
    content,
  });
const box = () => page.getByLabel('Reply to the customer');
const panel = () => page.getByRole('complementary', { name: 'Contact and conversation details' });
const messageCount = async () =>
  (await db.select().from(messages).where(eq(messages.conversationId, conversationId))).length;

describe('the copilot in a browser', () => {
  it('without a key, the buttons are disabled and say why', async () => {
    const uuid = await say('How long do refunds take?');
    const [c] = await db.select().from(conversations).where(eq(conversations.uuid, uuid));
    conversationId = c!.id;
    await signIn(page, e2e.url, agent);
    await page.goto(`${e2e.url}/inbox/${conversationId}`);
    await page.getByRole('note').filter({ hasText: NO_MODEL_REASON }).waitFor();
    expect(await page.getByRole('button', { name: 'Suggest reply' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Summarize' }).isDisabled()).toBe(true);
    await screenshot(page, 'copilot-no-key');
  });

  it('puts a draft in the box without sending it, and shows a summary in the side panel', async () => {
    useOpenAI(true);
    mockServer.use(
      openaiHandler((body) =>
        completion(
          kindOf(body) === 'draft' ? DRAFT : kindOf(body) === 'summary' ? ASKED : 'Glad to help.',
        ),
      ),
    );
    await page.reload();
    const before = await messageCount();
    await page.getByRole('button', { name: 'Suggest reply' }).click();
    await page.waitForFunction(
      (text) => (document.getElementById('composer-text') as HTMLTextAreaElement)?.value === text,
      DRAFT,
    );
    await page.getByRole('button', { name: 'Summarize' }).click();
    await panel().getByText(ASKED).waitFor();
    expect(await messageCount()).toBe(before);
    expect(await box().inputValue()).toBe(DRAFT);
    await screenshot(page, 'copilot-draft-and-summary');
  });

  it('shows the summary written at the handoff, live', async () => {
    mockServer.use(
      openaiHandler((body) =>
        completion(kindOf(body) === 'summary' ? AT_HANDOFF : 'Glad to help.'),
      ),
    );
    await say('I need a human please');
    await panel().getByText(AT_HANDOFF).waitFor({ timeout: 20_000 });
    const texts = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.origin, 'bot')));
    expect(JSON.stringify(texts)).not.toContain(AT_HANDOFF);
    await screenshot(page, 'copilot-handoff-summary');
  });
});
