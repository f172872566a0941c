import { setupServer } from 'msw/node';

/**
 * msw for third-party HTTP only (OpenAI, the WhatsApp Graph API, bridges): each service's
 * handlers live beside this file and tests `use()` them. Requests to our own server on
 * loopback pass through; any other unmocked request fails the test.
 */
const server = setupServer();

export const mockServer = Object.assign(server, {
  unhandled(request: Request, print: { error(): void }) {
    const { hostname } = new URL(request.url);
    if (hostname === '127.0.0.1' || hostname === 'localhost') return;
    print.error();
  },
});
