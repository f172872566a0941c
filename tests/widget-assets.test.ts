import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';
import { serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

describe('widget assets', () => {
  it('serves the embeddable script to any origin and a demo page embedding it', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { name: 'Pizza <bot>' });
    const js = await fetch(`${srv.url}/widget.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('access-control-allow-origin')).toBe('*');
    expect(await js.text()).toContain('/widget/session');
    // A revisit with the script's ETag gets a 304 and no body.
    const etag = js.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    // (node:http: fetch adds `Cache-Control: no-cache` to a conditional request.)
    const status = await new Promise((resolve, reject) =>
      http
        .get(`${srv.url}/widget.js`, { headers: { 'if-none-match': etag! } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject),
    );
    expect(status).toBe(304);
    const page = await fetch(`${srv.url}/widget-demo?publicKey=${bot.publicKey}`, {
      headers: { accept: 'text/html' },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`data-public-key="${bot.publicKey}"`);
    expect(html).toContain('Pizza &#60;bot&#62;');
    expect(html).not.toContain('data-locale');
    expect((await fetch(`${srv.url}/widget-demo?publicKey=pk_nope`)).status).toBe(404);
    // ?locale= is the embed snippet's data-locale on the demo's script tag, escaped.
    const localized = await (
      await fetch(`${srv.url}/widget-demo?publicKey=${bot.publicKey}&locale=pt-BR"><x`)
    ).text();
    expect(localized).toContain(
      `data-public-key="${bot.publicKey}" data-locale="pt-BR&#34;&#62;&#60;x" async`,
    );
  });
});
