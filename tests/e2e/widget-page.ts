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
