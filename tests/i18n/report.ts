/**
 * `npx tsx tests/i18n/report.ts [paths…]`: the console's text not yet in the catalogues, file
 * by file (default: all of web/src), as tests/i18n/hardcoded.test.ts sees it.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { consoleFiles, hardcodedTexts } from './hardcoded-text';

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['web/src']).flatMap((p) =>
  statSync(p).isDirectory() ? consoleFiles(path.resolve(p)) : [path.resolve(p)],
);
const found = files.flatMap(hardcodedTexts);
for (const h of found) console.log(`${path.relative(process.cwd(), h.file)}:${h.line}  ${h.text}`);
console.log(`${found.length} texts in ${new Set(found.map((h) => h.file)).size} files`);
