import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../server/http/app';
import { WIDGET_BUILD_RETRY_MS } from '../server/http/widget-assets';
import { logger } from '../server/logger';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { serverForThisFile } from './helpers/server';

/*
 * The widget's script is bundled by esbuild, and esbuild can fail (a broken module, a missing
 * binary). That must not stop the server (nor a worker, which never serves it): the failure is
 * logged, /widget.js answers 503 while it lasts, and everything else keeps working.
 */

const bundle = vi.hoisted(() => ({
  builds: 0,
  fails: true,
  async build(): Promise<string> {
    bundle.builds++;
    // A turn of the event loop, as esbuild's service takes: concurrent requests overlap it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (bundle.fails) throw new Error('esbuild: Could not resolve "./missing"');
    return '/* widget */ fetch("/widget/session");';
  },
}));
vi.mock('../server/channels/widget-client/bundle', () => ({
  buildWidgetScript: () => bundle.build(),
  bundleWidget: () => {
    throw new Error('the server must not bundle synchronously');
  },
}));

const logged = vi.spyOn(logger, 'error');
const srv = serverForThisFile();
afterAll(() => vi.restoreAllMocks());

describe('the widget script when esbuild fails', () => {
  it('a worker-only app does not bundle it', () => {
    const before = bundle.builds;
    createApp({ ready: true, database: 'up', worker: 'running' }, { api: false });
    expect(bundle.builds).toBe(before);
  });

  it('answers 503 with a short text, logs it once, and the rest of the server works', async () => {
    const failures = await Promise.all(
      [1, 2, 3].map(() => fetch(`${srv.url}/widget.js`, { headers: { origin: 'https://shop' } })),
    );
    for (const res of failures) {
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('etag')).toBeNull();
      expect(await res.text()).toBe('The chat widget is unavailable right now; try again shortly.');
    }
    // The app's warm-up and those three requests shared one build.
    expect(bundle.builds).toBe(1);
    const failure = logged.mock.calls.filter(([, msg]) => String(msg).includes('widget script'));
    expect(failure).toHaveLength(1);
    expect((failure[0]![0] as { err: Error }).err.message).toContain('Could not resolve');

    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const config = await fetch(`${srv.url}/widget/config?publicKey=${bot.publicKey}`);
    expect(config.status).toBe(200);
    const demo = await fetch(`${srv.url}/widget-demo?publicKey=${bot.publicKey}`);
    expect(demo.status).toBe(200);
  });

  it('builds again once the retry time has passed, and serves the script', async () => {
    bundle.fails = false;
    // Within the retry time: still the failure, no new build.
    expect((await fetch(`${srv.url}/widget.js`)).status).toBe(503);
    expect(bundle.builds).toBe(1);
    const now = Date.now();
    const later = vi.spyOn(Date, 'now').mockReturnValue(now + WIDGET_BUILD_RETRY_MS);
    try {
      const [a, b] = await Promise.all([1, 2].map(() => fetch(`${srv.url}/widget.js`)));
      expect(bundle.builds).toBe(2);
      for (const res of [a!, b!]) {
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('public, max-age=300');
        expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
        expect(await res.text()).toBe('/* widget */ fetch("/widget/session");');
      }
    } finally {
      later.mockRestore();
    }
  });
});
