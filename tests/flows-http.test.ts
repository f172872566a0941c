import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret } from '../server/auth/secrets';
import { db } from '../server/db/client';
import { chatbotTools } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import type { HttpNode } from '../server/services/flows/engine';
import { callHttpNode } from '../server/services/flows/http-node';
import { flowWorkspace, graphOf } from './factories/flow-run';
import { serverForThisFile } from './helpers/server';
import { runWorker } from './helpers/worker';

// A flow's http node (issue 21): the custom tools' client and network guard, then through the
// real pipeline, its fields saved into variables and a failure taken to onError.
const srv = serverForThisFile();
let worker: WorkerHandle;
/** The http nodes' API: a local server that records what reached it. */
const seen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
let orders: Server;
let port: number;
beforeAll(async () => {
  worker = await runWorker();
  orders = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      if (req.url!.startsWith('/missing')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return void res.end('{}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ order: { status: 'no forno', eta: 20 } }));
    });
  });
  await new Promise<void>((r) => orders.listen(0, '127.0.0.1', r));
  port = (orders.address() as AddressInfo).port;
});
afterAll(async () => {
  await worker.stop();
  await new Promise<void>((r) => orders.close(() => r()));
});

describe('flow http nodes', () => {
  it('calls an http node through the guard, saves its fields, and goes to onError on failure', async () => {
    const node = (path: string, over: Partial<HttpNode> = {}): HttpNode => ({
      id: 'h',
      kind: 'http',
      method: 'POST',
      url: `http://127.0.0.1:${port}${path}`,
      headers: { Authorization: encryptSecret('Bearer s3cret') },
      body: '{"pedido": "42"}',
      timeoutMs: 2000,
      save: [
        { variable: 'status', path: 'order.status' },
        { variable: 'eta', path: 'order.eta' },
      ],
      next: 'ok',
      ...over,
    });
    const plan = (n: HttpNode) => ({ node: n, url: n.url, body: n.body });
    // Loopback is refused unless the chatbot's admin allowed the host.
    expect(await callHttpNode(plan(node('/o')), [])).toEqual({ ok: false });
    expect(seen).toHaveLength(0);
    expect(await callHttpNode(plan(node('/o')), ['127.0.0.1'])).toEqual({
      ok: true,
      values: { status: 'no forno', eta: '20' },
    });
    expect(seen.at(-1)).toMatchObject({ body: '{"pedido":"42"}' });
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer s3cret');
    expect(await callHttpNode(plan(node('/missing')), ['127.0.0.1'])).toEqual({ ok: false });

    // Through the pipeline: the chatbot's custom tools name the hosts it may reach.
    const graph = graphOf([
      { ...node('/o/{{nome}}'), next: 'ok', onError: 'bad' },
      { id: 'ok', kind: 'end', message: 'Seu pedido está {{status}} ({{eta}} min).' },
      { id: 'bad', kind: 'end', message: 'Sem notícias.' },
    ]);
    const f = await flowWorkspace(srv.url, graph);
    await db.insert(chatbotTools).values({
      workspaceId: f.chatbot.workspaceId,
      chatbotId: f.chatbot.id,
      name: 'orders',
      description: 'Orders',
      parameters: { type: 'object' },
      urlTemplate: `http://127.0.0.1:${port}/x`,
      allowedHosts: ['127.0.0.1'],
    });
    const uuid = await f.say('Oi');
    const [reply] = await f.botSent(uuid, 1);
    expect(reply!.content).toEqual({ text: 'Seu pedido está no forno (20 min).' });
    const blocked = await flowWorkspace(srv.url, graph);
    const other = await blocked.say('Oi');
    const [failed] = await blocked.botSent(other, 1);
    expect(failed!.content).toEqual({ text: 'Sem notícias.' });
  });
});
