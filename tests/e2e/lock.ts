import { mkdir, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A lock held this long is taken to be a crashed holder's and broken. */
const STALE_MS = 180_000;

/**
 * Runs `fn` while holding a machine-wide lock (an atomic mkdir): vitest runs test files in
 * parallel processes, and two of them must not extract Chromium or build the console at once.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = path.join(tmpdir(), `support-inbox-${name}.lock`);
  for (;;) {
    try {
      await mkdir(dir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = await stat(dir).catch(() => null);
      if (held && Date.now() - held.mtimeMs > STALE_MS) await rmdir(dir).catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(dir).catch(() => {});
  }
}
