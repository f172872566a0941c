import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { buildWidgetScript } from '../channels/widget-client/bundle';
import { json } from '../contracts/common/handler';
import { scopedRouter } from '../contracts/common/scoped-router';
import { db } from '../db/client';
import { chatbots } from '../db/schema';
import { logger } from '../logger';
import { widgetPresentation } from '../services/chatbots';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../channels/widget-client');
interface WidgetScript {
  body: string;
  /** The app sends no ETags for JSON; the script keeps one, so a page's revisit can get a 304. */
  etag: string;
}

/** After a failed build, /widget.js answers 503 this long before a request tries again. */
export const WIDGET_BUILD_RETRY_MS = 30_000;
let script: Promise<WidgetScript> | undefined;
let failedAt = 0;

/**
 * The widget's script, bundled once and kept in memory (the modules are in src/). Built when
 * the api's app is made (warmWidgetScript) or on the first request, never at import: a worker
 * never bundles it, and an esbuild failure is logged and answered with a 503 instead of
 * stopping the process. Concurrent first requests share the one build (the promise is kept).
 */
export function widgetScript(): Promise<WidgetScript> {
  if (script && failedAt && Date.now() - failedAt >= WIDGET_BUILD_RETRY_MS) script = undefined;
  if (!script) {
    failedAt = 0;
    script = buildWidgetScript().then((body) => ({
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    }));
    script.catch((err) => {
      failedAt = Date.now();
      logger.error({ err }, 'the widget script could not be bundled: /widget.js answers 503');
    });
  }
  return script;
}

/** Starts the build before the first page asks for it (the api's app does, at creation). */
export function warmWidgetScript(): void {
  widgetScript().catch(() => {}); // logged by widgetScript
}

const demo = readFileSync(path.join(dir, 'demo.html'), 'utf8');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The embeddable widget script, what it shows before a session, and a demo page. */
export const widgetAssets = scopedRouter('/widget.js', '/widget-demo', '/widget/config');

widgetAssets.get('/widget.js', async (_req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  const built = await widgetScript().catch(() => null);
  if (!built)
    return void res
      .status(503)
      .set({ 'Cache-Control': 'no-store', 'Retry-After': String(WIDGET_BUILD_RETRY_MS / 1000) })
      .type('text/plain')
      .send('The chat widget is unavailable right now; try again shortly.');
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.setHeader('ETag', built.etag);
  res.type('application/javascript').send(built.body);
});

/**
 * `/widget/config?publicKey=pk_…`: the chatbot's name, greeting and look, read before the
 * visitor opens the chat (the bubble is drawn in the chatbot's colour). Public like the key:
 * any origin, cached briefly, no session and nothing of a conversation.
 */
widgetAssets.get(
  '/widget/config',
  json(async (req, res) => {
    const config = await widgetPresentation(req.query.publicKey);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=60');
    return config;
  }),
);

/**
 * `/widget-demo?publicKey=pk_…`; without one, the first chatbot (the demo workspace's).
 * `&locale=pt-BR` puts the embed snippet's `data-locale` on the demo's script tag.
 */
widgetAssets.get('/widget-demo', async (req, res) => {
  const wanted = typeof req.query.publicKey === 'string' ? req.query.publicKey : undefined;
  const [bot] = await db
    .select({ name: chatbots.name, publicKey: chatbots.publicKey })
    .from(chatbots)
    .where(wanted ? eq(chatbots.publicKey, wanted) : undefined)
    .orderBy(asc(chatbots.id))
    .limit(1);
  if (!bot)
    return void res
      .status(404)
      .type('text/plain')
      .send('No chatbot: create one in Settings first.');
  const origin = `${req.protocol}://${req.get('host')}`;
  const locale = typeof req.query.locale === 'string' ? req.query.locale.slice(0, 35) : '';
  res.type('html').send(
    demo
      .replace('__LOCALE__', locale ? ` data-locale="${escapeHtml(locale)}"` : '')
      .replaceAll('__PUBLIC_KEY__', escapeHtml(bot.publicKey))
      .replaceAll('__CHATBOT__', escapeHtml(bot.name))
      .replaceAll('__ORIGIN__', escapeHtml(origin)),
  );
});
