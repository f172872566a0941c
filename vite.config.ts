import type { IncomingMessage } from 'node:http';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const apiTarget = `http://localhost:${process.env.PORT ?? 3000}`;

// Paths that exist only on the API server.
const apiOnly: Record<string, ProxyOptions> = {
  '/trpc': { target: apiTarget, ws: true },
  '/auth': { target: apiTarget },
  '/healthz': { target: apiTarget },
  '/messages': { target: apiTarget, ws: true },
  '/widget.js': { target: apiTarget },
  '/widget': { target: apiTarget },
  '/api': { target: apiTarget },
  // Agents' files: the upload and the signed links (server/http/files.ts).
  '/console/files': { target: apiTarget },
  '/files': { target: apiTarget },
};

// REST prefixes of the seed contracts. Some of them (/conversations, /contacts, ...) are also
// console pages, so a browser navigation (Accept: text/html) stays with Vite and gets index.html.
const restPrefixes = [
  '/users',
  '/chatbots',
  '/integrations',
  '/conversations',
  '/contacts',
  '/tags',
  '/servers',
  '/devices',
  '/applications',
  '/contact-user-accounts',
];

// The same test the server's console router makes (server/http/console.ts).
function isPageNavigation(req: IncomingMessage): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !req.headers.authorization &&
    (req.headers.accept?.includes('text/html') ?? false)
  );
}

const restProxies = Object.fromEntries(
  restPrefixes.map((prefix): [string, ProxyOptions] => [
    // A regex key (leading ^) so /contacts does not also swallow /contacts-anything.
    `^${prefix}(?:[/?]|$)`,
    {
      target: apiTarget,
      // A string makes Vite handle the request itself (its SPA fallback serves index.html).
      bypass: (req) => (isPageNavigation(req) ? req.url : undefined),
    },
  ]),
);

export default defineConfig({
  root: 'web',
  plugins: [
    // Paths are relative to `root`; the router plugin must run before react().
    tanstackRouter({
      target: 'react',
      autoCodeSplitting: true,
      routesDirectory: './src/routes',
      generatedRouteTree: './src/routeTree.gen.ts',
      quoteStyle: 'single',
      semicolons: true,
    }),
    react(),
  ],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { ...apiOnly, ...restProxies },
  },
});
