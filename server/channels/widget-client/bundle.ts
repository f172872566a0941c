import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, buildSync } from 'esbuild';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src/main.ts');

const options = {
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  charset: 'utf8',
  legalComments: 'none',
  write: false,
  banner: { js: '/* Support Inbox web widget: docs/widget.md */' },
  logLevel: 'silent',
} satisfies BuildOptions;

function onlyFile(outputFiles: { text: string }[] | undefined): string {
  const [out] = outputFiles ?? [];
  if (!out) throw new Error('the widget bundle is empty');
  return out.text;
}

/**
 * The widget's modules (src/) and catalogues (locales/) as the one minified script a page
 * embeds: an IIFE, so nothing leaks into the page's globals. Built in memory (about a tenth of
 * a second), so what is served is always the tree's. The server builds with this one, which
 * leaves its event loop free meanwhile (server/http/widget-assets.ts).
 */
export async function buildWidgetScript(): Promise<string> {
  return onlyFile((await build(options)).outputFiles);
}

/** The same script, built synchronously: for scripts and tests that measure what is served. */
export function bundleWidget(): string {
  return onlyFile(buildSync(options).outputFiles);
}
