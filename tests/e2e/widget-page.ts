import type { Page } from 'playwright-core';

/** What the widget keeps in the page's localStorage for a chatbot, under its public key. */
export interface StoredVisitor {
  externalUserId: string;
  [field: string]: unknown;
}

/**
 * The visitor the widget stored for `publicKey`, once it has: the widget stores it when its
 * session is made, which can come after the first message was typed.
 */
export async function storedVisitor(page: Page, publicKey: string): Promise<StoredVisitor> {
  const handle = await page.waitForFunction((key: string) => {
    const saved = JSON.parse(localStorage.getItem(`support-inbox:${key}`) ?? '{}');
    return (saved as { externalUserId?: string }).externalUserId ? saved : false;
  }, publicKey);
  return (await handle.jsonValue()) as StoredVisitor;
}

/**
 * What the widget shows a visitor, as text: every text node of its shadow root and every
 * aria-label, placeholder, alt and title (the strings a screen reader reads too).
 */
export function widgetText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.getElementById('support-inbox-widget')?.shadowRoot;
    if (!root) return [];
    const found: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.parentElement?.tagName !== 'STYLE' && node.textContent?.trim())
          found.push(node.textContent.trim());
        continue;
      }
      for (const name of ['aria-label', 'placeholder', 'alt', 'title']) {
        const value = (node as Element).getAttribute(name);
        if (value) found.push(value);
      }
    }
    return found;
  });
}

/** The keys the widget looked up that the visitor's language lacks (i18n.ts records them). */
export function missingKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => window.supportInboxMissingKeys ?? []);
}
