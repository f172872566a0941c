// The console's one layer rule for the files dependency-cruiser's swc parser cannot read (.tsx,
// see .dependency-cruiser.cjs): web/ imports shared/ and the AppRouter type, nothing else of the
// server. Prints each offending import and exits 1.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const allowed = path.join(root, 'server/trpc/root.ts');
const importSpec = /\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function* tsxFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsxFiles(file);
    else if (entry.name.endsWith('.tsx')) yield file;
  }
}

const offences = [];
for (const file of tsxFiles(path.join(root, 'web'))) {
  for (const match of readFileSync(file, 'utf8').matchAll(importSpec)) {
    const spec = match[1] ?? match[2];
    if (!spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec);
    const inServer = target.startsWith(path.join(root, 'server') + path.sep);
    if (inServer && !target.startsWith(allowed.replace(/\.ts$/, ''))) {
      offences.push(`${path.relative(root, file)} → ${spec}`);
    }
  }
}
if (offences.length > 0) {
  console.error('web-speaks-trpc-only: the console imports only shared/ and the AppRouter type');
  for (const line of offences) console.error(`  ${line}`);
  process.exit(1);
}
console.log('web imports: only shared/ and the AppRouter type');
