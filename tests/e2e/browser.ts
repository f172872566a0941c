import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { withLock } from './lock';

/** Ordinary headless flags (not @sparticuz/chromium's serverless `args`). */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * @sparticuz/chromium decompresses its build into os.tmpdir()/chromium and reuses whatever is
 * there, even a half-written file or another version's. Extract into a folder of our own, named
 * after the package version, under a lock, and mark it complete only once it is.
 */
async function packagedChromium(): Promise<string> {
  // The package exports no ./package.json: find it beside its entry point.
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const manifest = path.resolve(path.dirname(entry), '../../package.json');
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  const dir = path.join(tmpdir(), `support-inbox-chromium-${version}`);
  const done = path.join(dir, 'extracted');
  const binary = path.join(dir, 'chromium');
  if (existsSync(done)) return binary;
  return withLock('chromium', async () => {
    if (existsSync(done)) return binary;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = dir;
    try {
      const { default: sparticuz } = await import('@sparticuz/chromium');
      const extracted = await sparticuz.executablePath();
      if (extracted !== binary)
        throw new Error(`Chromium extracted to ${extracted}, not ${binary}`);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    await writeFile(done, version);
    return binary;
  });
}

/** CHROMIUM_PATH if set, else a system chromium, else the build inside @sparticuz/chromium. */
export async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  return system ?? packagedChromium();
}

/** A fresh headless Chromium (Playwright gives each launch its own new --user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromiumPath();
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  } catch (error) {
    throw new Error(
      `Chromium at ${executablePath} did not start. If shared libraries are missing, ` +
        `\`ldd ${executablePath} | grep "not found"\` names them.\n${(error as Error).message}`,
    );
  }
}
