import type { Browser } from 'playwright-core';
import { startTestServer } from '../helpers/server';
import { runWorker } from '../helpers/worker';
import { launchBrowser } from './browser';

export interface WidgetE2E {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real server, worker and a headless Chromium, without the console's build (startE2E's):
 * a widget test needs only /widget-demo and /widget.js.
 */
export async function startWidgetE2E(): Promise<WidgetE2E> {
  const [server, worker, browser] = await Promise.all([
    startTestServer(),
    runWorker(),
    launchBrowser(),
  ]);
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await worker.stop();
      await server.close();
    },
  };
}
