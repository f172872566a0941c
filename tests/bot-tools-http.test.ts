import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../server/auth/secrets';
import type { ChatbotTool } from '../server/db/schema';
import { checkHost, isPrivateAddress } from '../server/services/bot-tools/address-guard';
import { callHttpTool, RESPONSE_BYTES_LIMIT } from '../server/services/bot-tools/http-call';

/** The tool's API: a local node:http server that records what reached it. */
const seen: { url: string; method: string; headers: IncomingHttpHeaders; body: string }[] = [];
let api: Server;
let port: number;
beforeAll(async () => {
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url!, method: req.method!, headers: req.headers, body });
      if (req.url!.startsWith('/slow')) return void setTimeout(() => res.end('{}'), 3000);
      if (req.url!.startsWith('/huge'))
        return void res.end(Buffer.alloc(RESPONSE_BYTES_LIMIT + 10, 'a'));
      if (req.url!.startsWith('/moved')) {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return void res.end();
      }
      if (req.url!.startsWith('/missing')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return void res.end('{"message":"no such order"}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'shipped', carrier: { name: 'Correios' }, internal: 42 }));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  port = (api.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => api.close(() => r())));

function tool(overrides: Partial<ChatbotTool> = {}): ChatbotTool {
  return {
    id: 1,
    uuid: '00000000-0000-4000-8000-000000000001',
    workspaceId: 1,
    chatbotId: 1,
    name: 'order_status',
    description: 'Order status',
    parameters: {
      type: 'object',
      properties: { orderId: { type: 'string' }, verbose: { type: 'boolean' } },
      required: ['orderId'],
    },
    method: 'GET',
    urlTemplate: `http://localhost:${port}/orders/{orderId}`,
    headers: [{ name: 'X-Api-Key', sealed: encryptSecret('key-123') }],
    timeoutMs: 2000,
    responseFields: [],
    enabled: true,
    allowedHosts: ['localhost'],
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

describe('the address guard', () => {
  it('refuses loopback, private, link-local, CGNAT, unspecified and multicast addresses', () => {
    const refused = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
    ];
    for (const a of refused) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '1.1.1.1'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses a name when any of its addresses is private, unless the host is allowed', async () => {
    const resolve = (async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]) as unknown as Parameters<typeof checkHost>[2];
    expect(await checkHost('api.example.com', [], resolve)).toEqual({
      ok: false,
      code: 'blocked_address',
    });
    expect(await checkHost('API.example.com.', ['api.example.com'], resolve)).toMatchObject({
      ok: true,
      address: '93.184.216.34',
    });
    expect(await checkHost('[::1]', [])).toEqual({ ok: false, code: 'blocked_address' });
  });
});

describe('calling a custom tool', () => {
  it('sends its headers to the checked address with the parameter URL-encoded, and shows the chosen fields', async () => {
    const outcome = await callHttpTool(
      tool({ responseFields: ['status', 'carrier.name', 'nowhere'] }),
      { orderId: 'A 1/2?x', verbose: true },
    );
    expect(outcome.result).toEqual({
      ok: true,
      status: 200,
      data: { status: 'shipped', 'carrier.name': 'Correios', nowhere: null },
    });
    expect(outcome.activity).toMatchObject({ tool: 'order_status', status: 'ok', httpStatus: 200 });
    const request = seen.at(-1)!;
    expect(request.url).toBe('/orders/A%201%2F2%3Fx?verbose=true');
    expect(request.headers['x-api-key']).toBe('key-123');
    expect(request.headers.host).toBe(`localhost:${port}`);
  });

  it('sends the other arguments as a JSON body for a POST', async () => {
    const outcome = await callHttpTool(tool({ method: 'POST' }), { orderId: '7', verbose: false });
    expect(outcome.activity.status).toBe('ok');
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/orders/7',
      body: '{"verbose":false}',
    });
  });

  it('refuses a private address unless its host is allowed, and connects to nothing', async () => {
    const before = seen.length;
    for (const t of [
      tool({ allowedHosts: [] }),
      tool({ allowedHosts: [], urlTemplate: `http://127.0.0.1:${port}/orders/{orderId}` }),
      tool({ allowedHosts: ['127.0.0.2'], urlTemplate: `http://[::1]:${port}/orders/{orderId}` }),
    ]) {
      const outcome = await callHttpTool(t, { orderId: '1' });
      expect(outcome.result).toMatchObject({ ok: false, error: 'blocked_address' });
      expect(outcome.activity).toMatchObject({ status: 'error', errorCode: 'blocked_address' });
    }
    expect(seen.length).toBe(before);
    const allowed = await callHttpTool(
      tool({ allowedHosts: ['127.0.0.1'], urlTemplate: `http://127.0.0.1:${port}/o/{orderId}` }),
      { orderId: '1' },
    );
    expect(allowed.activity.status).toBe('ok');
  });

  it('gives up at its timeout, and refuses redirects and oversized answers', async () => {
    const slow = await callHttpTool(
      tool({ timeoutMs: 150, urlTemplate: `http://localhost:${port}/slow/{orderId}` }),
      { orderId: '1' },
    );
    expect(slow.result).toMatchObject({ ok: false, error: 'timeout' });
    expect(slow.activity.durationMs).toBeLessThan(2500);
    const moved = await callHttpTool(
      tool({ urlTemplate: `http://localhost:${port}/moved/{orderId}` }),
      { orderId: '1' },
    );
    expect(moved.result).toMatchObject({ ok: false, error: 'redirect_refused' });
    const huge = await callHttpTool(
      tool({ urlTemplate: `http://localhost:${port}/huge/{orderId}` }),
      { orderId: '1' },
    );
    expect(huge.result).toMatchObject({ ok: false, error: 'response_too_large' });
  });

  it("tells the model the API's error and arguments that do not fit the schema", async () => {
    const missing = await callHttpTool(
      tool({ urlTemplate: `http://localhost:${port}/missing/{orderId}` }),
      { orderId: '1' },
    );
    expect(missing.result).toEqual({ ok: false, status: 404, data: { message: 'no such order' } });
    expect(missing.activity).toMatchObject({ errorCode: 'http_error', httpStatus: 404 });
    const before = seen.length;
    const bad = await callHttpTool(tool(), { verbose: 'yes' });
    expect(bad.result).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(seen.length).toBe(before);
  });
});
