import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { User } from '../../server/db/schema';
import { distDir } from '../../server/http/console';
import { PASSWORD } from '../factories/user';
import { startTestServer, type TestServer } from '../helpers/server';
import { runWorker } from '../helpers/worker';
import { launchBrowser } from './browser';
import { withLock } from './lock';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');

function newestMtime(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))),
  );
}

/** dist/ exists and is newer than every console source (a stale build would test old code). */
function consoleIsFresh(): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return false;
  const sources = ['web/src', 'web/index.html', 'shared', 'vite.config.ts'].map((p) =>
    path.join(root, p),
  );
  return statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime));
}

/** Builds the console with Vite's JS API (as server/http/console.ts does) when needed. */
export async function ensureConsoleBuilt(): Promise<void> {
  if (consoleIsFresh()) return;
  await withLock('console-build', async () => {
    if (consoleIsFresh()) return;
    const { build } = await import('vite');
    // vitest sets NODE_ENV=test, which would bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
}

export interface E2E {
  /** The real app (API, WebSockets and the built console) on an ephemeral port. */
  url: string;
  server: TestServer;
  browser: Browser;
  /** A new browser context (its own storage) and page, 1280×800: the smallest supported size. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** The built console served by the real server, the real worker, and a headless Chromium. */
export async function startE2E(): Promise<E2E> {
  await ensureConsoleBuilt();
  const [server, worker, browser] = await Promise.all([
    startTestServer(),
    runWorker(),
    launchBrowser(),
  ]);
  const contexts: BrowserContext[] = [];
  return {
    url: server.url,
    server,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => {})));
      await browser.close();
      await worker.stop();
      await server.close();
    },
  };
}

/** Signs in through the login form and waits for the inbox. */
export async function signIn(page: Page, url: string, user: Pick<User, 'email'>): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/);
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png (a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
