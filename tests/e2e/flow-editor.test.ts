import { readFile } from 'node:fs/promises';
import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { conversations, type User } from '../../server/db/schema';
import { makeChatbot } from '../factories/chatbot';
import { makeWorkspace } from '../factories/workspace';
import { eventually } from '../helpers/worker';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { screenshotFailures } from './inbox-fixtures';
import { storedVisitor } from './widget-page';

/*
 * The flow editor in Chromium (issue 21): an admin builds a three-node flow with the mouse and
 * the keyboard, sees a problem named on its node, fixes it, publishes, and a customer walks the
 * flow in the widget.
 */

let e2e: E2E;
let page: Page;
let admin: User;
let bot: { id: string; publicKey: string };

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  // AI off: every reply the customer gets is the flow's.
  bot = await makeChatbot(admin, { aiEnabled: false, name: 'Pizzaria' });
  page = await e2e.newPage();
  await signIn(page, e2e.url, admin);
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const side = () => page.getByRole('complementary', { name: 'Node and flow details' });
const form = () => side().getByRole('region', { name: /^(Ask|End) / });
const canvasNode = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const problems = () => side().getByRole('list', { name: 'Problems' });

/** Whether the node is drawn wholly inside the canvas's visible area. */
async function withinCanvas(id: string) {
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const node = await canvasNode(id).boundingBox();
  return (
    node !== null &&
    node.x >= canvas.x &&
    node.y >= canvas.y &&
    node.x + node.width <= canvas.x + canvas.width &&
    node.y + node.height <= canvas.y + canvas.height
  );
}

async function addNode(kind: string) {
  await page
    .getByRole('toolbar', { name: 'Add a node' })
    .getByRole('button', { name: `Add ${kind} node` })
    .click();
}

describe('the flow editor in a browser', () => {
  it('builds a three-node flow, shows a problem on its node, publishes, and the widget walks it', async () => {
    await page.goto(`${e2e.url}/settings/chatbots`);
    await page.getByRole('link', { name: 'Flow of Pizzaria' }).click();
    await page.getByRole('heading', { name: 'Flow of Pizzaria' }).waitFor();
    await side().getByText('Add a node to start the flow').waitFor();

    // 1. The greeting: a choice question, sent as two reply buttons.
    await addNode('ask');
    await canvasNode('ask-1').getByText('Start').waitFor();
    await form().getByLabel('Label').fill('Greeting');
    await form().getByLabel('Question').fill('Olá! Como posso ajudar?');
    await form().getByLabel('Store the answer in').fill('opcao');
    await form().getByLabel('Answer type').selectOption('choice');
    // The shared schema's own message, under the field, until the choice has a title.
    await form().getByRole('button', { name: 'Add choice' }).click();
    await form().getByRole('button', { name: 'Add choice' }).click();
    await form().getByLabel('Title 1').fill('Cardápio');
    await form().getByLabel('Id 2').fill('hours');
    await form().getByLabel('Title 2').fill('Horários');

    // 2. The name.
    await addNode('ask');
    await form().getByLabel('Label').fill('Name');
    await form().getByLabel('Question').fill('Qual é o seu nome?');
    await form().getByLabel('Store the answer in').fill('nome');

    // 3. The end, thanking the customer by name: not connected yet.
    await addNode('end');
    await form().getByLabel('Closing message').fill('Obrigado, {{nome}}!');
    await problems()
      .getByRole('button', { name: /end-1.*no path from the start node reaches it/ })
      .waitFor();
    await canvasNode('end-1')
      .getByText(/\d+ problems?/)
      .waitFor();
    // The third node lands below the canvas's first view: the canvas brings it into view.
    await expect.poll(() => withinCanvas('end-1')).toBe(true);

    // Connect the greeting to the name with the keyboard (the "Next" field is the edge).
    await side().getByLabel('Edit node').selectOption('ask-1');
    await form().getByLabel('Next (answered)').selectOption('ask-2');
    await page
      .locator('.react-flow__edge[aria-label="Next (answered) of ask-1 to ask-2"]')
      .waitFor();

    // The end's problem: its button selects the node it names.
    await problems()
      .getByRole('button', { name: /end-1.*no path/ })
      .click();
    await side().getByRole('heading', { name: 'End end-1' }).waitFor();
    // Connect the name to the end by dragging from its handle to the end's.
    await expect.poll(() => withinCanvas('end-1')).toBe(true);
    const from = (await page.getByLabel('Next (answered) of ask-2').boundingBox())!;
    const to = (await page.getByLabel('Into end-1').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await page
      .locator('.react-flow__edge[aria-label="Next (answered) of ask-2 to end-1"]')
      .waitFor();
    await side().getByText('None: the flow can be published.').waitFor();
    expect(
      await canvasNode('end-1')
        .getByText(/problem/)
        .count(),
    ).toBe(0);

    // Undo takes the edge away and brings the problem back; redo restores it.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await problems()
      .getByRole('button', { name: /end-1.*no path/ })
      .waitFor();
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await side().getByText('None: the flow can be published.').waitFor();

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Version 1 is published').waitFor();
    await side().getByRole('list', { name: 'Published versions' }).getByText('Version 1').waitFor();
    await screenshot(page, 'flow-editor-published');

    // The customer walks the published flow in the widget.
    const customer = await e2e.newPage();
    await customer.goto(`${e2e.url}/widget-demo?publicKey=${bot.publicKey}`);
    await customer.getByRole('button', { name: 'Open chat' }).click();
    const chat = customer.getByRole('dialog', { name: 'Chat' });
    await chat.getByLabel('Message').fill('Oi!');
    await chat.getByLabel('Message').press('Enter');
    await chat.getByText('Olá! Como posso ajudar?').waitFor();
    const options = chat.getByRole('group', { name: 'Reply options' });
    await options.getByRole('button', { name: 'Cardápio' }).click();
    await chat.getByText('Qual é o seu nome?').waitFor();
    await chat.getByLabel('Message').fill('Maria');
    await chat.getByLabel('Message').press('Enter');
    await chat.getByText('Obrigado, Maria!').waitFor();
    await screenshot(customer, 'flow-editor-widget-walked');

    const { externalUserId } = await storedVisitor(customer, bot.publicKey);
    const walked = await eventually(async () => {
      const [c] = await db
        .select()
        .from(conversations)
        .where(eq(conversations.externalUserId, externalUserId))
        .orderBy(desc(conversations.id))
        .limit(1);
      return c?.currentNodeId === 'end-1' ? c : undefined;
    });
    expect(walked.currentNodeId).toBe('end-1');

    // The operator sees where the customer is in the flow.
    await page.goto(`${e2e.url}/inbox/${walked.id}`);
    const details = page.getByRole('complementary', { name: 'Contact and conversation details' });
    await details.getByText('Flow step').waitFor();
    await details.locator('dd', { hasText: 'end-1' }).getByText('· End').waitFor();
  }, 120_000);

  it('names the nodes a refused publish is about, and works from the keyboard', async () => {
    await page.goto(`${e2e.url}/settings/chatbots/${bot.id}/flow`);
    await page.getByRole('heading', { name: 'Flow of Pizzaria' }).waitFor();
    // A stray message: whole (so it saves), but no path reaches it.
    await addNode('message');
    await side()
      .getByRole('region', { name: 'Message message-1' })
      .getByLabel('Text')
      .fill('Perdido');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const refused = side().getByRole('list', { name: 'Why publishing was refused' });
    await refused
      .getByRole('button', { name: /message-1.*no path from the start node reaches it/ })
      .waitFor();

    // Tab to a node, Enter selects it, Delete removes it; Ctrl+Z and Shift+Ctrl+Z undo and redo.
    await side().getByLabel('Edit node').selectOption('');
    await canvasNode('message-1').focus();
    await page.keyboard.press('Enter');
    await side().getByRole('heading', { name: 'Message message-1' }).waitFor();
    await page.keyboard.press('Delete');
    await expect.poll(() => canvasNode('message-1').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await canvasNode('message-1').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => canvasNode('message-1').count()).toBe(0);
    // An edge too: focused, Enter selects it and Delete clears the field it is.
    const edge = page.locator('.react-flow__edge[aria-label="Next (answered) of ask-2 to end-1"]');
    await edge.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await expect.poll(() => edge.count()).toBe(0);
    await problems()
      .getByRole('button', { name: /end-1.*no path/ })
      .waitFor();
    await page.keyboard.press('Control+z');
    await edge.waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();

    // Export downloads the draft as a file; importing an edited copy replaces the draft.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(exported.format).toBe('support-inbox.flow');
    expect(exported.graph.nodes.map((n: { id: string }) => n.id)).toEqual([
      'ask-1',
      'ask-2',
      'end-1',
    ]);
    const end = exported.graph.nodes.find((n: { id: string }) => n.id === 'end-1');
    end.message = 'Até logo, {{nome}}!';
    await page.getByLabel('Flow file to import').setInputFiles({
      name: 'pizzaria.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await page.getByText('Imported pizzaria.json as the draft').waitFor();
    await side().getByLabel('Edit node').selectOption('end-1');
    expect(await form().getByLabel('Closing message').inputValue()).toBe('Até logo, {{nome}}!');
  }, 60_000);

  it('fits a phone (390×844): the editor scrolls nothing sideways', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    try {
      const phone = await context.newPage();
      await signIn(phone, e2e.url, admin);
      await phone.goto(`${e2e.url}/settings/chatbots/${bot.id}/flow`);
      await phone.getByRole('heading', { name: 'Flow of Pizzaria' }).waitFor();
      await phone.locator('.react-flow__node[data-id="end-1"]').waitFor();
      await phone.getByLabel('Edit node').selectOption('ask-1');
      await phone.getByRole('region', { name: 'Ask ask-1' }).waitFor();
      await screenshot(phone, 'flow-editor-phone');
      // The editor and everything in it (toolbar, palette, canvas, form) lie within the screen
      // and scroll nothing sideways. The console's top bar is the shell's and checked by
      // tests/e2e/responsive.test.ts.
      const widest = await phone.evaluate(() => {
        const editor = document.querySelector('.flow-editor')!;
        const inCanvas = (el: Element) => el.closest('.react-flow__viewport') !== null;
        const rights = [editor, ...editor.querySelectorAll('*')]
          .filter((el) => !inCanvas(el))
          .map((el) => el.getBoundingClientRect().right + window.scrollX);
        return { right: Math.max(...rights), scroll: editor.scrollWidth - editor.clientWidth };
      });
      expect(widest.right).toBeLessThanOrEqual(390);
      expect(widest.scroll).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
