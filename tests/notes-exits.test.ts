import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../server/db/client';
import { events, messages } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { makeChatbot } from './factories/chatbot';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import { conversationRow } from './helpers/inbox';
import { api, startTestServer, type TestServer } from './helpers/server';
import { eventually, runWorker, useOpenAI } from './helpers/worker';
import { type CapturedRequest, completion, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';
import { cloudWebhook, graphHandler, sentReply, sign, textMessage } from './mocks/whatsapp-cloud';

// Issue 22: a private note never reaches the customer, through any exit. Each test writes a note
// holding a canary and then reads everything a customer-facing exit gives out after it.

const CANARY = 'NOTE-CANARY-refund-approved-by-finance';

let srv: TestServer;
let worker: WorkerHandle;
beforeAll(async () => {
  srv = await startTestServer();
  worker = await runWorker();
});
afterAll(async () => {
  await worker.stop();
  await srv.close();
});
afterEach(() => useOpenAI(false));

async function gateway(token: string) {
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${token}`);
  const frames: string[] = [];
  ws.on('message', (raw) => frames.push(raw.toString()));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    emit: (event: string, data: unknown) => ws.send(JSON.stringify({ event, data })),
  };
}

describe('a private note', () => {
  it('reaches the agents and none of the widget, the seed contracts or the AI', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin);
    const captured: CapturedRequest[] = [];
    mockServer.use(openaiHandler(() => completion('Happy to help.'), captured));
    useOpenAI(true);

    const session = await api(srv.url, 'POST', '/widget/session', {
      body: { publicKey: bot.publicKey },
    });
    const { token, externalUserId } = session.body;
    const send = (content: string, conversationId?: string) =>
      api(srv.url, 'POST', '/messages/send', {
        token,
        body: { chatbotId: bot.id, externalUserId, content, conversationId },
      });
    const first = await send('Where is my refund?');
    const uuid: string = first.body.data.conversation.id;
    const c = await conversationRow(uuid);
    await eventually(async () => captured.length === 1);

    const gw = await gateway(token);
    gw.emit('subscribe', { conversationId: uuid });
    await eventually(async () => gw.frames.some((f) => f.includes('subscribed')));

    const note = await callerFor(admin).notes.add({ conversationId: uuid, body: CANARY });
    expect(note.author?.name).toBe(admin.name);
    // The agents' own reading has it: the canary is really written.
    expect(
      (await callerFor(admin).notes.list({ conversationId: uuid })).map((n) => n.body),
    ).toEqual([CANARY]);

    // The AI's history: the customer writes again and the model is asked with what was said.
    await send('Any news?', uuid);
    await eventually(async () => captured.length === 2);
    const history = JSON.stringify(captured[1]!.messages);
    expect(history).toContain('Any news?');
    expect(history).not.toContain(CANARY);
    // The copilot drafts toward the customer, so it is told no note either.
    await callerFor(admin).copilot.suggestReply({ conversationId: uuid });
    expect(captured.length).toBe(3);
    expect(JSON.stringify(captured[2])).not.toContain(CANARY);

    // An agent's reply after the note reaches the widget; the note does not.
    const adminToken = await tokenFor(admin);
    const reply = await api(srv.url, 'POST', `/api/conversations/${uuid}/messages`, {
      token: adminToken,
      body: { type: 'text', content: { text: 'Checking it now' } },
    });
    expect(reply.status).toBe(201);
    await eventually(async () => gw.frames.some((f) => f.includes('Checking it now')));
    gw.ws.close();
    expect(gw.frames.join('\n')).not.toContain(CANARY);

    const reads = [
      api(srv.url, 'GET', `/messages/conversation/${uuid}`, { token }),
      api(srv.url, 'GET', `/conversations/${uuid}`, { token: adminToken }),
      api(srv.url, 'GET', '/conversations', { token: adminToken }),
      api(srv.url, 'GET', `/api/conversations/${uuid}`, { token: adminToken }),
      api(srv.url, 'GET', '/api/conversations', { token: adminToken }),
      api(srv.url, 'GET', `/api/conversations/${uuid}/variables`, { token: adminToken }),
    ];
    for (const res of await Promise.all(reads)) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(CANARY);
    }
    // Its one event is an agents' event, not a message: the gateway maps no such frame.
    const written = await db.select().from(events).where(eq(events.conversationId, c.id));
    expect(
      written.filter((e) => JSON.stringify(e.payload).includes(CANARY)).map((e) => e.type),
    ).toEqual(['note:created']);
    const stored = await db.select().from(messages).where(eq(messages.conversationId, c.id));
    expect(JSON.stringify(stored)).not.toContain(CANARY);
  });

  it('is never sent to WhatsApp', async () => {
    const { admin } = await makeWorkspace();
    const phoneId = '106540352240001';
    const { integration } = await makeWhatsappIntegration(
      admin,
      'WHATSAPP_CLOUD',
      { phoneNumberId: phoneId },
      { accessToken: 'EAAG-token', appSecret: 'secret-1', verifyToken: 'v' },
    );
    const sent: Record<string, unknown>[] = [];
    mockServer.use(graphHandler(phoneId, () => sentReply('5511988887777', 'wamid.OUT'), sent));
    const raw = JSON.stringify(
      cloudWebhook(phoneId, textMessage('5511988887777', 'wamid.IN1', 'oi, cadê meu pedido?')),
    );
    const hook = await postWebhook(srv.url, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
      'X-Hub-Signature-256': sign(raw, 'secret-1'),
    });
    expect(hook.status).toBe(200);
    const [inbound] = await eventually(async () => {
      const rows = await db.select().from(messages).where(eq(messages.externalId, 'wamid.IN1'));
      return rows.length ? rows : undefined;
    });
    await callerFor(admin).notes.add({ conversationId: inbound!.conversationId, body: CANARY });
    const reply = await callerFor(admin).conversations.sendMessage({
      conversationId: inbound!.conversationId,
      message: { type: 'text', content: { text: 'Já verifico' } },
    });
    await sendNow(reply.id);
    await eventually(async () => sent.some((b) => JSON.stringify(b).includes('Já verifico')));
    expect(JSON.stringify(sent)).not.toContain(CANARY);
  });
});
