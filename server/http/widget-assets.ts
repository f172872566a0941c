import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { bundleWidget } from '../channels/widget-client/bundle';
import { json } from '../contracts/common/handler';
import { scopedRouter } from '../contracts/common/scoped-router';
import { db } from '../db/client';
import { chatbots } from '../db/schema';
import { widgetPresentation } from '../services/chatbots';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../channels/widget-client');
/** Bundled once, when the server starts, and kept in memory (the modules are in src/). */
const script = bundleWidget();
/** The app sends no ETags for JSON; the script keeps one, so a page's revisit can get a 304. */
const scriptEtag = `"${createHash('sha256').update(script).digest('base64url').slice(0, 27)}"`;
const demo = readFileSync(path.join(dir, 'demo.html'), 'utf8');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The embeddable widget script, what it shows before a session, and a demo page. */
export const widgetAssets = scopedRouter('/widget.js', '/widget-demo', '/widget/config');

widgetAssets.get('/widget.js', (_req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cache-Control', 'public, max-age=300');
  res.setHeader('ETag', scriptEtag);
  res.type('application/javascript').send(script);
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
