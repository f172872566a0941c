/**
 * What a browser downloads before it can draw the console, and the widget's script, gzipped:
 * the figures issue 23 bounds (200 kB and 30 kB). Reads dist/ as `npm run build` left it, or
 * builds first with --build. The widget is bundled here as the server bundles it when it starts
 * (server/channels/widget-client/bundle.ts: esbuild, minified), so the figure is what is served.
 *
 *   npx tsx scripts/bench/bundle-size.ts [--build]
 *
 * First load = the scripts and module preloads index.html names (its eager graph: Vite lists
 * every static import of the entry as a modulepreload); route chunks fetched later are not in it.
 * Sizes are zlib's default level (6), within 1 % of the figures Vite prints; kB = 1,000
 * bytes. Exits 1 when a figure is over its bound, so CI can run it after the build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleWidget } from '../../server/channels/widget-client/bundle';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const BOUND = { firstLoad: 200, widget: 30 };

const kB = (bytes: number) => bytes / 1000;
const gz = (file: string) => gzipSync(readFileSync(file)).length;

async function build(): Promise<void> {
  const { build: viteBuild } = await import('vite');
  process.env.NODE_ENV = 'production';
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

/** The JS files index.html loads before the first paint: its module script and preloads. */
function eagerScripts(html: string): string[] {
  const found = new Set<string>();
  const tag = /<(script|link)\b[^>]*>/g;
  for (const [element] of html.matchAll(tag)) {
    const isScript = element.startsWith('<script') && /type="module"/.test(element);
    const isPreload = element.startsWith('<link') && /rel="modulepreload"/.test(element);
    const ref = /(?:src|href)="([^"]+\.js)"/.exec(element)?.[1];
    if ((isScript || isPreload) && ref) found.add(ref);
  }
  return [...found];
}

async function main() {
  if (process.argv.includes('--build')) await build();
  const index = path.join(dist, 'index.html');
  if (!existsSync(index))
    throw new Error('no dist/index.html: run `npm run build` or pass --build');
  const eager = eagerScripts(readFileSync(index, 'utf8'));
  const sizes = eager.map((ref) => {
    const file = path.join(dist, ref.replace(/^\//, ''));
    return { ref, raw: readFileSync(file).length, gz: gz(file) };
  });
  const firstLoad = sizes.reduce((sum, s) => sum + s.gz, 0);
  const eagerNames = new Set(eager.map((ref) => path.basename(ref)));
  const lazy = readdirSync(path.join(dist, 'assets'))
    .filter((name) => name.endsWith('.js') && !eagerNames.has(name))
    .map((name) => ({ name, gz: gz(path.join(dist, 'assets', name)) }))
    .sort((a, b) => b.gz - a.gz);
  const widgetScript = bundleWidget();
  const widget = gzipSync(widgetScript).length;

  console.log('| what | files | gzip kB | bound kB |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| console first load (index.html's script + preloads) | ${sizes.length} | ${kB(firstLoad).toFixed(2)} | ${BOUND.firstLoad} |`,
  );
  console.log(
    `| widget script (/widget.js, ${kB(Buffer.byteLength(widgetScript)).toFixed(2)} kB minified) | 1 | ${kB(widget).toFixed(2)} | ${BOUND.widget} |`,
  );
  console.log(
    `| loaded on demand (${lazy.length} chunks), largest: ${lazy
      .slice(0, 3)
      .map((c) => `${c.name} ${kB(c.gz).toFixed(1)}`)
      .join(', ')} | ${lazy.length} | ${kB(lazy.reduce((s, c) => s + c.gz, 0)).toFixed(2)} | – |`,
  );
  console.log('\nfirst load, by file:');
  for (const s of [...sizes].sort((a, b) => b.gz - a.gz))
    console.log(`  ${s.ref}  ${kB(s.raw).toFixed(2)} kB raw, ${kB(s.gz).toFixed(2)} kB gz`);
  if (kB(firstLoad) > BOUND.firstLoad || kB(widget) > BOUND.widget) {
    console.error('over the bound');
    process.exitCode = 1;
  }
}

await main();
