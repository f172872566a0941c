import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { Logger } from '../logger';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = path.join(root, 'dist');

/** Builds the console with Vite when dist/ is missing (first `npm start` on a fresh clone). */
export async function ensureConsoleBuilt(log: Logger): Promise<boolean> {
  if (existsSync(path.join(distDir, 'index.html'))) return true;
  log.info('building the console (dist/ is missing); this takes a few seconds');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  return existsSync(path.join(distDir, 'index.html'));
}

const FILE_PATH = /\.[\w]+$/;

/**
 * Serves the built console. A browser navigation (Accept prefers HTML, no Authorization) gets
 * index.html even on paths the REST API also serves, such as /contacts.
 */
export function consoleRouter(): Router {
  const router = express.Router();
  const files = express.static(distDir, { index: false, maxAge: '1h' });
  // Only a path whose last segment names a file (`/assets/index-abc.js`) can be one of the
  // console's files, so API requests skip the file-system lookup.
  router.use((req, res, next) => (FILE_PATH.test(req.path) ? files(req, res, next) : next()));
  router.use((req, res, next) => {
    const navigation =
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.headers.authorization &&
      req.accepts(['json', 'html']) === 'html';
    if (!navigation || !existsSync(path.join(distDir, 'index.html'))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(distDir, 'index.html'));
  });
  return router;
}
