import { eq } from 'drizzle-orm';
import { http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { conversations, messages } from '../server/db/schema';
import type { WorkerHandle } from '../server/jobs/worker';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { postWebhook } from './helpers/channels';
import { inboxWorkspace, openConversation } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually, runWorker } from './helpers/worker';
import { mockServer } from './mocks/server';
import {
  cloudWebhook,
  GRAPH,
  graphError,
  graphHandler,
  sentReply,
  sign,
  textMessage,
} from './mocks/whatsapp-cloud';

// Seed 002, POST /api/conversations/[id]/messages: 201 once the send has an outcome.
const srv = serverForThisFile();
const PHONE_ID = '106540352242922';
const SECRET = 'app-secret-002';
const seedBody = {
  type: 'text',
  content: { text: 'Olá, sou o atendente João. Como posso ajudar?' },
};

// The default bound (the test environment turns the wait off for files without a worker).
const bound = () => {
  config.OPERATOR_SEND_WAIT_MS = 5000;
};
let worker: WorkerHandle;
beforeAll(async () => {
  bound();
  worker = await runWorker();
});
afterAll(() => worker.stop());
afterEach(bound);

const post = async (token: string, conversation: string, headers: Record<string, string> = {}) =>
  api(srv.url, 'POST', `/api/conversations/${conversation}/messages`, {
    token,
    body: seedBody,
    headers,
  });

let phone = 5511999992000;
/** A WhatsApp Cloud conversation opened by the customer's message, and the admin's token. */
async function whatsappConversation() {
  const { admin } = await makeWorkspace();
  const { integration } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId: PHONE_ID },
    { accessToken: 'EAAG-token', appSecret: SECRET, verifyToken: 'v' },
  );
  const from = String(phone++);
  const raw = JSON.stringify(cloudWebhook(PHONE_ID, textMessage(from, `wamid.IN${from}`, 'oi')));
  await postWebhook(srv.url, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
    'X-Hub-Signature-256': sign(raw, SECRET),
  });
  const [c] = await db.select().from(conversations).where(eq(conversations.externalUserId, from));
  return { from, uuid: c!.uuid, token: await tokenFor(admin) };
}

const ourCalls = (captured: Record<string, unknown>[]) =>
  captured.filter((b) => (b.text as { body?: string } | undefined)?.body === seedBody.content.text);

describe('seed 002: an operator message answers with its send’s outcome', () => {
  it('over the widget: sent, with no waMessageId (the widget has none)', async () => {
    const ws = await inboxWorkspace({ aiEnabled: false });
    const c = await openConversation(srv.url, ws.admin, ws.bot.id);
    const res = await post(ws.token, c.uuid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      waMessageId: null,
      direction: 'outbound',
      origin: 'operator',
      type: 'text',
      status: 'sent',
      createdAt: expect.any(String),
    });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
  });

  it('over WhatsApp Cloud: sent, with the wamid the Graph API answered', async () => {
    const c = await whatsappConversation();
    const captured: Record<string, unknown>[] = [];
    mockServer.use(graphHandler(PHONE_ID, () => sentReply(c.from, 'wamid.HBgN002'), captured));
    const res = await post(c.token, c.uuid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      waMessageId: 'wamid.HBgN002',
      direction: 'outbound',
      origin: 'operator',
      type: 'text',
      status: 'sent',
      createdAt: expect.any(String),
    });
    expect(ourCalls(captured)).toHaveLength(1);
  });

  it('a provider that refuses: failed, with its error code and title', async () => {
    const c = await whatsappConversation();
    mockServer.use(graphHandler(PHONE_ID, () => graphError(400, 131026, 'Message undeliverable')));
    const res = await post(c.token, c.uuid);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      waMessageId: null,
      origin: 'operator',
      status: 'failed',
      error: { code: '131026', title: 'Message undeliverable' },
    });
  });

  it('a provider slower than the bound: pending (no waMessageId yet), sent afterwards', async () => {
    config.OPERATOR_SEND_WAIT_MS = 300;
    const c = await whatsappConversation();
    let answer = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    mockServer.use(
      http.post(`${GRAPH}/${PHONE_ID}/messages`, async () => {
        await answered;
        return sentReply(c.from, 'wamid.SLOW');
      }),
    );
    const res = await post(c.token, c.uuid);
    answer();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ waMessageId: null, status: 'pending' });
    const later = await eventually(async () => {
      const [m] = await db.select().from(messages).where(eq(messages.uuid, res.body.id));
      return m?.status === 'sent' && m;
    });
    expect(later.externalId).toBe('wamid.SLOW');
  });

  it('a replay with the same Idempotency-Key answers the stored acceptance and sends nothing again', async () => {
    const c = await whatsappConversation();
    const captured: Record<string, unknown>[] = [];
    mockServer.use(graphHandler(PHONE_ID, () => sentReply(c.from, 'wamid.ONCE'), captured));
    const key = { 'Idempotency-Key': 'seed-002-send' };
    const first = await post(c.token, c.uuid, key);
    expect(first.body).toMatchObject({ status: 'sent', waMessageId: 'wamid.ONCE' });
    const replay = await post(c.token, c.uuid, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual({ ...first.body, status: 'pending', waMessageId: null });
    expect(ourCalls(captured)).toHaveLength(1);
  });
});
