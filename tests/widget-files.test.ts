import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { attachments, type Conversation, messages } from '../server/db/schema';
import { callerFor } from './helpers/auth';
import { conversationRow, inboxWorkspace } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { cutOffUpload, EXE, PDF, PNG } from './helpers/uploads';
import { eventually } from './helpers/worker';

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'widget-files-test-'));

const srv = serverForThisFile();

interface Visitor {
  token: string;
  externalUserId: string;
  conversation: Conversation;
}

let ws: Awaited<ReturnType<typeof inboxWorkspace>>;
let bot: { id: string; publicKey: string };
let ana: Visitor;

/** A new widget visitor who has said hello: their session and their conversation. */
async function newVisitor(publicKey = bot.publicKey, chatbotId = bot.id): Promise<Visitor> {
  const session = await api(srv.url, 'POST', '/widget/session', { body: { publicKey } });
  expect(session.status).toBe(201);
  const { token, externalUserId } = session.body;
  const sent = await api(srv.url, 'POST', '/messages/send', {
    token,
    body: { chatbotId, externalUserId, content: 'Hello, I have a photo of the problem' },
  });
  expect(sent.status).toBe(202);
  return {
    token,
    externalUserId,
    conversation: await conversationRow(sent.body.data.conversation.id),
  };
}

beforeAll(async () => {
  ws = await inboxWorkspace({ aiEnabled: false });
  bot = ws.bot;
  ana = await newVisitor();
});

async function upload(token: string | undefined, body: Uint8Array, fileName = 'photo.png') {
  const res = await fetch(`${srv.url}/widget/files`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(fileName),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: new Uint8Array(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it was answered
  return { status: res.status, body: (await res.json()) as any };
}

const send = (token: string, id: string, body: Record<string, unknown> = {}) =>
  api(srv.url, 'POST', `/widget/files/${id}/send`, { token, body });

const stored = async () => (await db.select({ n: count() }).from(attachments))[0]!.n;
const filesOnDisk = () => readdirSync(config.dataDir, { recursive: true }).length;
const rowOf = async (uuid: string) =>
  (await db.select().from(attachments).where(eq(attachments.uuid, uuid)))[0]!;

async function agentUpload(c: Conversation, body: Uint8Array, fileName: string) {
  const res = await fetch(`${srv.url}/console/files?conversationId=${c.uuid}`, {
    method: 'POST',
    headers: { 'x-file-name': fileName, authorization: `Bearer ${ws.token}` },
    body: new Uint8Array(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('POST /widget/files: a visitor uploads', () => {
  it("stores the file in the visitor's own conversation, typed from its bytes", async () => {
    const res = await upload(ana.token, PNG, 'invoice.pdf');
    expect(res).toEqual({
      status: 201,
      body: {
        id: expect.any(String),
        contentType: 'image/png',
        byteSize: PNG.byteLength,
        fileName: 'invoice.pdf',
      },
    });
    expect(await rowOf(res.body.id)).toMatchObject({
      conversationId: ana.conversation.id,
      uploadedByUserId: null,
      uploadedByContactId: ana.conversation.contactId,
      messageId: null,
    });
  });

  it('refuses a wrong type (415), a file too large (413) and an empty one (400), storing nothing', async () => {
    const before = await stored();
    const onDisk = filesOnDisk();
    const exe = await upload(ana.token, EXE, 'cat.png');
    expect(exe.status).toBe(415);
    expect(exe.body.message).toMatch(/cannot be attached; allowed: image\/jpeg, image\/png/);
    const limit = config.FILES_MAX_BYTES;
    config.FILES_MAX_BYTES = 64 * 1024;
    try {
      const big = await upload(ana.token, Buffer.concat([PNG, Buffer.alloc(100 * 1024)]));
      expect(big.status).toBe(413);
      expect(big.body.message).toBe('The file is larger than 0.1 MB, the most a file may be');
    } finally {
      config.FILES_MAX_BYTES = limit;
    }
    const empty = await upload(ana.token, new Uint8Array());
    expect(empty).toMatchObject({ status: 400, body: { message: ['The file is empty'] } });
    expect(await stored()).toBe(before);
    expect(filesOnDisk()).toBe(onDisk);
  });

  it('stores nothing, row or bytes, from a body cut off before its Content-Length', async () => {
    const before = await stored();
    const onDisk = filesOnDisk();
    await cutOffUpload(
      `${srv.url}/widget/files`,
      {
        authorization: `Bearer ${ana.token}`,
        'content-type': 'image/png',
        'x-file-name': 'cut.png',
      },
      PNG,
    );
    expect(await stored()).toBe(before);
    expect(filesOnDisk()).toBe(onDisk);
  });

  it('refuses a request with no session, or only the public key, and an agent', async () => {
    const before = await stored();
    expect((await upload(undefined, PNG)).status).toBe(401);
    expect((await upload(bot.publicKey, PNG)).status).toBe(401);
    const agent = await upload(ws.token, PNG);
    expect(agent.status).toBe(403);
    expect(await stored()).toBe(before);
  });

  it("puts another visitor's upload in their conversation, never in this one", async () => {
    const bea = await newVisitor();
    const theirs = await upload(bea.token, PNG, 'bea.png');
    expect((await rowOf(theirs.body.id)).conversationId).toBe(bea.conversation.id);
    // A fresh session from the public key is a new visitor with no conversation: nothing to add to.
    const fresh = await api(srv.url, 'POST', '/widget/session', {
      body: { publicKey: bot.publicKey },
    });
    expect((await upload(fresh.body.token, PNG)).status).toBe(404);
  });

  it('takes no file into an ended conversation (409)', async () => {
    const cy = await newVisitor();
    await callerFor(ws.admin).conversations.end({ conversationId: cy.conversation.uuid });
    const before = await stored();
    const res = await upload(cy.token, PNG);
    expect(res).toMatchObject({ status: 409, body: { message: 'Conversation has ended' } });
    expect(await stored()).toBe(before);
  });

  it('keeps at most 5 unsent files a chat (429), and takes more once one is sent', async () => {
    const cy = await newVisitor();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await upload(cy.token, PNG)).body.id);
    const before = await stored();
    const sixth = await upload(cy.token, PNG);
    expect(sixth).toMatchObject({
      status: 429,
      body: { message: '5 files are already waiting to be sent in this chat: send them first' },
    });
    expect(await stored()).toBe(before);
    expect((await send(cy.token, ids[0]!)).status).toBe(202);
    expect((await upload(cy.token, PNG)).status).toBe(201);
  });
});

describe('POST /widget/files/:id/send: the visitor sends its upload', () => {
  it('as a customer media message through the inbound path, once', async () => {
    const up = await upload(ana.token, PNG, 'broken screen.png');
    const res = await send(ana.token, up.body.id, { caption: 'It cracked here' });
    expect(res.status).toBe(202);
    const message = res.body.data.message;
    expect(message).toMatchObject({
      conversationId: ana.conversation.uuid,
      role: 'USER',
      origin: 'client',
      type: 'media',
      content: 'It cracked here',
      payload: {
        attachmentId: up.body.id,
        contentType: 'image/png',
        byteSize: PNG.byteLength,
        fileName: 'broken screen.png',
        caption: 'It cracked here',
        url: expect.stringMatching(new RegExp(`^/files/${up.body.id}\\?exp=\\d+&sig=`)),
      },
    });
    const file = await fetch(srv.url + message.payload.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);

    const [row] = await db.select().from(messages).where(eq(messages.uuid, message.id));
    expect(row).toMatchObject({ direction: 'inbound', origin: 'client', type: 'media' });
    expect((await rowOf(up.body.id)).messageId).toBe(row!.id);
    // The agents see it in the console's thread, with its own link.
    const thread = await callerFor(ws.admin).conversations.thread({
      conversationId: ana.conversation.uuid,
    });
    const shown = thread.messages.find((m) => m.id === message.id)!;
    expect(shown.attachment).toMatchObject({ id: up.body.id, contentType: 'image/png' });
    expect((await fetch(srv.url + shown.attachment!.url)).status).toBe(200);

    const again = await send(ana.token, up.body.id);
    expect(again).toMatchObject({
      status: 409,
      body: { message: 'This file has already been sent' },
    });
  });

  it("is refused another visitor's upload, and the upload stays unsent", async () => {
    const bea = await newVisitor();
    const theirs = await upload(bea.token, PNG, 'bea.png');
    const res = await send(ana.token, theirs.body.id);
    expect(res).toMatchObject({ status: 404, body: { message: 'File not found' } });
    expect((await rowOf(theirs.body.id)).messageId).toBeNull();
  });

  it("is refused an agent's upload, even a deleted agent's; an agent cannot send the visitor's", async () => {
    const agentFile = await agentUpload(ana.conversation, PDF, 'terms.pdf');
    expect((await send(ana.token, agentFile)).status).toBe(404);
    // A deleted agent's upload loses its user; it does not become the visitor's.
    await db
      .update(attachments)
      .set({ uploadedByUserId: null })
      .where(eq(attachments.uuid, agentFile));
    expect((await send(ana.token, agentFile)).status).toBe(404);
    expect((await rowOf(agentFile)).messageId).toBeNull();

    const visitorFile = await upload(ana.token, PNG, 'mine.png');
    await expect(
      callerFor(ws.admin).conversations.sendMessage({
        conversationId: ana.conversation.uuid,
        message: { type: 'media', content: { attachmentId: visitorFile.body.id } },
      }),
    ).rejects.toThrow('content.attachmentId names no file of this conversation');
    expect((await rowOf(visitorFile.body.id)).messageId).toBeNull();
  });

  it('refuses a send into a conversation that ended after the upload (409)', async () => {
    const dan = await newVisitor();
    const up = await upload(dan.token, PNG);
    await callerFor(ws.admin).conversations.end({ conversationId: dan.conversation.uuid });
    expect(await send(dan.token, up.body.id)).toMatchObject({
      status: 409,
      body: { message: 'Conversation has ended' },
    });
    expect((await rowOf(up.body.id)).messageId).toBeNull();
  });
});

describe("the widget's signed links", () => {
  it("links the agent's file and the visitor's in the list and the live frame", async () => {
    const eve = await newVisitor();
    const gw = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${eve.token}`);
    // biome-ignore lint/suspicious/noExplicitAny: frames are read as sent
    const frames: any[] = [];
    gw.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
    await new Promise((resolve, reject) => gw.once('open', resolve).once('error', reject));
    gw.send(
      JSON.stringify({ event: 'subscribe', data: { conversationId: eve.conversation.uuid } }),
    );
    await eventually(async () => frames.find((f) => f.event === 'subscribed'));

    const agentFile = await agentUpload(eve.conversation, PDF, 'manual.pdf');
    const sent = await callerFor(ws.admin).conversations.sendMessage({
      conversationId: eve.conversation.uuid,
      message: { type: 'media', content: { attachmentId: agentFile } },
    });
    const frame = await eventually(async () =>
      frames.find((f) => f.event === 'message' && f.data.id === sent.id),
    );
    gw.close();
    expect(frame.data.payload).toMatchObject({ fileName: 'manual.pdf', url: expect.any(String) });
    const live = await fetch(srv.url + frame.data.payload.url);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-disposition')).toMatch(/^attachment; filename="manual.pdf"/);

    const mine = await upload(eve.token, PNG, 'eve.png');
    expect((await send(eve.token, mine.body.id)).status).toBe(202);
    const list = await api(srv.url, 'GET', `/messages/conversation/${eve.conversation.uuid}`, {
      token: eve.token,
    });
    const media = list.body.data.filter((m: { type: string }) => m.type === 'media');
    expect(media.map((m: { payload: { fileName: string } }) => m.payload.fileName)).toEqual([
      'manual.pdf',
      'eve.png',
    ]);
    for (const m of media) expect((await fetch(srv.url + m.payload.url)).status).toBe(200);
    // Text messages keep seed 001's null payload.
    expect(list.body.data[0]).toMatchObject({ type: 'text', payload: null });
  });

  it('expire: a link minted past its time is refused', async () => {
    const up = await upload(ana.token, PNG, 'soon.png');
    expect((await send(ana.token, up.body.id)).status).toBe(202);
    const ttl = config.FILES_LINK_TTL_SECONDS;
    config.FILES_LINK_TTL_SECONDS = -1;
    try {
      const list = await api(srv.url, 'GET', `/messages/conversation/${ana.conversation.uuid}`, {
        token: ana.token,
      });
      const m = list.body.data.find(
        (x: { payload?: { attachmentId?: string } }) => x.payload?.attachmentId === up.body.id,
      );
      expect(new Date(m.payload.expiresAt).getTime()).toBeLessThan(Date.now());
      const res = await fetch(srv.url + m.payload.url, { headers: { accept: 'application/json' } });
      expect(res.status).toBe(403);
    } finally {
      config.FILES_LINK_TTL_SECONDS = ttl;
    }
  });

  it("another workspace's visitor reaches none of this workspace's files", async () => {
    const other = await inboxWorkspace({ aiEnabled: false });
    const zoe = await newVisitor(other.bot.publicKey, other.bot.id);
    const ours = await upload(ana.token, PNG, 'ours.png');
    // Not sendable, not listable, and its own links do not open ours.
    expect(await send(zoe.token, ours.body.id)).toMatchObject({ status: 404 });
    const read = await api(srv.url, 'GET', `/messages/conversation/${ana.conversation.uuid}`, {
      token: zoe.token,
    });
    expect(read.status).toBe(404);
    const theirs = await upload(zoe.token, PNG, 'theirs.png');
    const sent = await send(zoe.token, theirs.body.id);
    const swapped = String(sent.body.data.message.payload.url).replace(
      theirs.body.id,
      ours.body.id,
    );
    expect((await fetch(srv.url + swapped)).status).toBe(403);
    const [row] = await db
      .select()
      .from(attachments)
      .where(and(eq(attachments.uuid, ours.body.id), isNull(attachments.messageId)));
    expect(row).toBeDefined();
  });
});
