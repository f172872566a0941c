import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, knowledgeArticles, type User } from '../../server/db/schema';
import { makeUser } from '../factories/user';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { customerSays, screenshotFailures, widgetVisitor } from './inbox-fixtures';

const REFUNDS =
  'Refunds are paid back to the card you paid with within 5 working days of the request.';

let e2e: E2E;
let page: Page;
let admin: User;
let agent: User;
let bot: { id: string; publicKey: string };
let phone: BrowserContext | undefined;
let current: Page | undefined;

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  agent = await makeUser(admin.workspaceId, { role: 'agent', name: 'Ana Lima' });
  bot = await callerFor(admin).chatbots.create({ name: 'Support bot' });
  page = await e2e.newPage();
  current = page;
  await signIn(page, e2e.url, admin);
});
afterAll(async () => {
  await phone?.close();
  await e2e?.close();
});
screenshotFailures(() => current);

const nav = (p: Page) => p.getByRole('navigation', { name: 'Main' });

/** The article is published and its passages are written (the index job ran). */
const indexed = (title: string) =>
  eventually(async () => {
    const [row] = await db
      .select()
      .from(knowledgeArticles)
      .where(
        and(
          eq(knowledgeArticles.workspaceId, admin.workspaceId),
          eq(knowledgeArticles.title, title),
        ),
      );
    return row && row.indexedRevision === row.revision ? row : undefined;
  });

/** How wide the Knowledge page's content is drawn: wider than the screen means sideways scrolling. */
const knowledgeWidth = (p: Page) =>
  p.evaluate(() => {
    const section = document.querySelector('section[aria-labelledby="knowledge-title"]');
    const box = section?.getBoundingClientRect();
    return box ? Math.max(box.right, box.left + (section?.scrollWidth ?? 0)) : Number.NaN;
  });

describe('the knowledge console in a browser', () => {
  it('writes an article, links its collection to a chatbot, and shows the source on the reply', async () => {
    await nav(page).getByRole('link', { name: 'Knowledge' }).click();
    await page.getByRole('heading', { name: 'Knowledge', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New collection' }).click();
    await page.getByLabel('Collection name').fill('Billing');
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('heading', { name: 'Billing', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByLabel('Title').fill('Refund policy');
    await page.getByLabel('Language').selectOption('en');
    await page.getByLabel('Status').selectOption('published');
    await page.getByLabel('Body').fill(`# Refunds\n\n${REFUNDS}`);
    await page.getByRole('button', { name: 'Create article' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Refund policy' });
    await row.getByText('Published').waitFor();
    await expect(row.getByText('English').count()).resolves.toBe(1);
    await screenshot(page, 'knowledge-collection');

    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Edit chatbot Support bot' }).click();
    const responder = page.getByRole('note', { name: 'Responder' });
    await expect(responder.textContent()).resolves.toMatch(
      /Built-in responder.*No OPENAI_API_KEY is configured on the server/,
    );
    await page.getByRole('checkbox', { name: 'Billing' }).check();
    await screenshot(page, 'knowledge-chatbot-settings');
    await page.getByRole('button', { name: 'Save chatbot' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect(
      callerFor(admin).knowledge.chatbots.get({ chatbotId: bot.id }),
    ).resolves.toMatchObject([{ name: 'Billing' }]);

    await indexed('Refund policy');
    const visitor = await widgetVisitor(e2e.url, bot.publicKey);
    const uuid = await customerSays(e2e.url, visitor.token, {
      chatbotId: bot.id,
      externalUserId: visitor.externalUserId,
      content: 'How many days until my refund is paid back?',
    });
    const [conversation] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.uuid, uuid));

    const agentPage = await e2e.newPage();
    current = agentPage;
    await signIn(agentPage, e2e.url, agent);
    await agentPage.goto(`${e2e.url}/inbox/${conversation!.id}`);
    const thread = agentPage.getByRole('log', { name: 'Messages' });
    await thread.getByText(REFUNDS).waitFor({ timeout: 15_000 });
    await expect(
      thread.getByRole('note', { name: 'Sources of this reply' }).textContent(),
    ).resolves.toBe('Sources: Refund policy');
    await screenshot(agentPage, 'knowledge-reply-sources');

    // An agent reads the knowledge base but does not edit it.
    await nav(agentPage).getByRole('link', { name: 'Knowledge' }).click();
    await agentPage.getByRole('link', { name: 'Billing' }).click();
    await agentPage.getByRole('button', { name: 'Read article Refund policy' }).click();
    await agentPage.getByRole('dialog').getByText(REFUNDS).waitFor();
    await expect(agentPage.getByRole('button', { name: 'New article' }).count()).resolves.toBe(0);
    current = page;
  });

  it('says plainly when AI replies are off', async () => {
    await callerFor(admin).chatbots.create({ name: 'Quiet bot', aiEnabled: false });
    await page.goto(`${e2e.url}/settings/chatbots`);
    await page.getByRole('button', { name: 'Edit chatbot Quiet bot' }).click();
    await expect(page.getByRole('note', { name: 'Responder' }).textContent()).resolves.toMatch(
      /^Responder: AI replies off/,
    );
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('uploads, tries, exports and imports on a phone, 360 px wide', async () => {
    const supervisor = await makeUser(admin.workspaceId, { role: 'supervisor' });
    phone = await e2e.browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      acceptDownloads: true,
    });
    phone.setDefaultTimeout(10_000);
    const mobile = await phone.newPage();
    current = mobile;
    await signIn(mobile, e2e.url, supervisor);
    // The header's links are behind its Menu on a phone: open the page by its URL.
    await mobile.goto(`${e2e.url}/knowledge`);
    await mobile.getByRole('link', { name: 'Billing' }).click();

    await mobile.getByRole('button', { name: 'Upload document' }).click();
    await mobile.getByLabel('File').setInputFiles({
      name: 'contract.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('PK\u0003\u0004 not a document the server reads'),
    });
    await mobile.getByRole('button', { name: 'Upload', exact: true }).click();
    await mobile
      .getByRole('dialog')
      .getByText(/Only Markdown \(\.md\), plain text \(\.txt\), HTML \(\.html\) and PDF/)
      .waitFor();
    await mobile.getByLabel('File').setInputFiles({
      name: 'shipping.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Shipping\n\nOrders leave our warehouse within two business days.'),
    });
    await mobile.getByLabel('Title').fill('Shipping times');
    await mobile.getByRole('button', { name: 'Upload', exact: true }).click();
    await mobile.getByRole('row').filter({ hasText: 'Uploaded: shipping.txt' }).waitFor();
    await indexed('Shipping times');
    await expect(knowledgeWidth(mobile)).resolves.toBeLessThanOrEqual(360);
    await screenshot(mobile, 'knowledge-phone-collection');

    await mobile.getByRole('link', { name: 'Try it' }).click();
    const tryForm = mobile.getByRole('form', { name: 'Try a question' });
    await tryForm.getByLabel('Chatbot').selectOption({ label: 'Support bot' });
    await tryForm.getByLabel('Question').fill('when does my order leave the warehouse');
    await tryForm.getByRole('button', { name: 'Search' }).click();
    const found = mobile.getByRole('region', { name: 'Passages found' }).getByRole('listitem');
    await found.first().getByText('Shipping times').waitFor();
    await expect(found.first().textContent()).resolves.toMatch(
      /Score \d\.\d\d.*Orders leave our warehouse within two business days\./s,
    );
    await expect(knowledgeWidth(mobile)).resolves.toBeLessThanOrEqual(360);
    await screenshot(mobile, 'knowledge-phone-try');

    await mobile.getByRole('link', { name: 'Collections' }).click();
    const [download] = await Promise.all([
      mobile.waitForEvent('download'),
      mobile.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(file.collections.map((c: { name: string }) => c.name)).toEqual(['Billing']);
    file.collections[0].name = 'Billing copy';
    for (const article of file.collections[0].articles) article.slug = `${article.slug}-copy`;
    await mobile.getByLabel('Knowledge file to import').setInputFiles({
      name: 'knowledge.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await mobile
      .getByRole('status')
      .getByText('Imported 1 collections: 2 articles new, 0 updated.')
      .waitFor();
    await mobile.getByRole('link', { name: 'Billing copy' }).waitFor();
  });
});
