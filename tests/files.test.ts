import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { attachments, type Conversation, conversations, type User } from '../server/db/schema';
import { safeFileName } from '../server/services/files/attachments';
import { sniffContentType } from '../server/services/files/content-type';
import { signFileLink, verifyFileLink } from '../server/services/files/signed-links';
import { localStorage, s3Storage } from '../server/services/files/storage';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { inboxWorkspace, openConversation } from './helpers/inbox';
import { serverForThisFile } from './helpers/server';
import { cutOffUpload, EXE, PDF, PNG } from './helpers/uploads';
import { S3_ENDPOINT, s3Bucket } from './mocks/s3';
import { mockServer } from './mocks/server';

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'files-test-'));

const srv = serverForThisFile();

let agent: User;
let colleague: User;
let admin: User;
let stranger: User;
let conversation: Conversation;

beforeAll(async () => {
  const ws = await inboxWorkspace({ aiEnabled: false });
  admin = ws.admin;
  agent = (await ws.member('agent', 'Ana Agent')).user;
  colleague = (await ws.member('agent', 'Carl Colleague')).user;
  stranger = (await makeWorkspace()).admin;
  conversation = await openConversation(srv.url, admin, ws.bot.id);
  await db
    .update(conversations)
    .set({ assignedUserId: agent.id, assignedBotId: null, status: 'paused' })
    .where(eq(conversations.id, conversation.id));
});

async function upload(
  user: User,
  body: Uint8Array,
  fileName: string,
  conversationId: string | number = conversation.uuid,
) {
  const res = await fetch(`${srv.url}/console/files?conversationId=${conversationId}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(fileName),
      authorization: `Bearer ${await tokenFor(user)}`,
    },
    body: new Uint8Array(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it was answered
  return { status: res.status, body: (await res.json()) as any };
}

const stored = async () => (await db.select({ n: count() }).from(attachments))[0]!.n;

const sendMedia = (user: User, attachmentId: string, c: string = conversation.uuid) =>
  callerFor(user).conversations.sendMessage({
    conversationId: c,
    message: { type: 'media', content: { attachmentId, caption: 'Here it is' } },
  });

describe('the type of a file', () => {
  it('is read from the bytes, not the name', async () => {
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(EXE)).toBeUndefined();
    const res = await upload(agent, PNG, 'invoice.pdf');
    expect(res).toEqual({
      status: 201,
      body: {
        id: expect.any(String),
        contentType: 'image/png',
        byteSize: PNG.byteLength,
        fileName: 'invoice.pdf',
      },
    });
  });

  it('refuses a program renamed .png with a 415 naming what is allowed, storing nothing', async () => {
    const before = await stored();
    const res = await upload(agent, EXE, 'cat.png');
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/cannot be attached; allowed: image\/jpeg, image\/png/);
    expect(await stored()).toBe(before);
  });

  it('answers a file past FILES_MAX_BYTES with a 413, storing nothing', async () => {
    const limit = config.FILES_MAX_BYTES;
    config.FILES_MAX_BYTES = 64 * 1024;
    try {
      const before = await stored();
      const res = await upload(agent, Buffer.concat([PNG, Buffer.alloc(100 * 1024)]), 'big.png');
      expect(res.status).toBe(413);
      expect(res.body.message).toBe('The file is larger than 0.1 MB, the most a file may be');
      expect(await stored()).toBe(before);
    } finally {
      config.FILES_MAX_BYTES = limit;
    }
  });

  it('stores nothing from a body cut off before its Content-Length', async () => {
    const before = await stored();
    const files = () => readdirSync(config.dataDir, { recursive: true }).length;
    const onDisk = files();
    const token = await tokenFor(agent);
    await cutOffUpload(
      `${srv.url}/console/files?conversationId=${conversation.uuid}`,
      {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': 'cut.png',
      },
      PNG,
    );
    expect(await stored()).toBe(before);
    expect(files()).toBe(onDisk);
  });

  it('keeps names without folders, quotes or control characters, at most 255 characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a"b\r\nc\\d.png')).toBe('d.png');
    expect(safeFileName('we"ird\u0007.png')).toBe('weird.png');
    expect(safeFileName('...')).toBe('file');
    const long = safeFileName(`${'x'.repeat(300)}.jpeg`);
    expect([...long]).toHaveLength(255);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

describe('storage', () => {
  it('local disk: a round trip under <root>/<workspace>/<uuid>, nothing half-written', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'files-local-'));
    const store = localStorage(root);
    const key = '7/0b9b6c2e-3f0a-4d55-9d8e-0a1b2c3d4e5f';
    await store.put(key, PDF, 'application/pdf');
    expect(readFileSync(path.join(root, key))).toEqual(PDF);
    expect(await buffer((await store.get(key))!)).toEqual(PDF);
    expect(await store.get('7/00000000-0000-4000-8000-000000000000')).toBeUndefined();
    await expect(store.put('../escape', PDF, 'application/pdf')).rejects.toThrow(/storage key/);
  });

  it('S3: PutObject then GetObject through the AWS SDK, and a missing key', async () => {
    const bucket = s3Bucket('inbox-files');
    mockServer.use(...bucket.handlers);
    const store = s3Storage({
      FILES_S3_BUCKET: 'inbox-files',
      FILES_S3_REGION: 'eu-west-1',
      FILES_S3_ENDPOINT: S3_ENDPOINT,
      FILES_S3_FORCE_PATH_STYLE: true,
      FILES_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      FILES_S3_SECRET_ACCESS_KEY: 'secret-example',
    });
    const key = '7/0b9b6c2e-3f0a-4d55-9d8e-0a1b2c3d4e5f';
    await store.put(key, PNG, 'image/png');
    expect(bucket.objects.get(key)).toEqual({
      bytes: new Uint8Array(PNG),
      contentType: 'image/png',
    });
    const body = await store.get(key);
    expect(body).toBeInstanceOf(Readable);
    expect(await buffer(body!)).toEqual(PNG);
    expect(await store.get('7/00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(bucket.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'GET']);
    // Signed requests (SigV4) with the configured key.
    expect(bucket.requests[0]!.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request/,
    );
  });
});

describe('sending a file and its signed link', () => {
  it('an agent sends an uploaded PNG; the thread links it; the link serves it safely', async () => {
    const up = await upload(agent, PNG, 'screen shot.png');
    const sent = await sendMedia(agent, up.body.id);
    expect(sent).toMatchObject({ type: 'media', origin: 'operator' });
    const [row] = await db.select().from(attachments).where(eq(attachments.uuid, up.body.id));
    expect(row!.messageId).not.toBeNull();

    const thread = await callerFor(agent).conversations.thread({
      conversationId: conversation.uuid,
    });
    const message = thread.messages.find((m) => m.id === sent.id)!;
    expect(message.content).toEqual({
      attachmentId: up.body.id,
      contentType: 'image/png',
      byteSize: PNG.byteLength,
      fileName: 'screen shot.png',
      caption: 'Here it is',
    });
    expect(message.attachment).toMatchObject({ id: up.body.id, contentType: 'image/png' });
    const url = message.attachment!.url;
    expect(url).toMatch(new RegExp(`^/files/${up.body.id}\\?exp=\\d+&sig=[\\w-]+$`));

    const res = await fetch(srv.url + url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="screen shot.png"; filename*=UTF-8''screen%20shot.png`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
  });

  it('serves a PDF as a download', async () => {
    const up = await upload(agent, PDF, 'contrato ção.pdf');
    const link = signFileLink(up.body.id);
    const res = await fetch(srv.url + link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="contrato __o.pdf"; filename*=UTF-8''contrato%20%C3%A7%C3%A3o.pdf`,
    );
  });

  it('refuses a tampered or expired link with a 403', async () => {
    const up = await upload(agent, PNG, 'a.png');
    const good = signFileLink(up.body.id);
    const tampered = good.url.replace(/sig=./, (s) => (s.endsWith('A') ? 'sig=B' : 'sig=A'));
    const expired = signFileLink(up.body.id, Date.now() - 3_600_000);
    const other = (await upload(agent, PNG, 'b.png')).body.id as string;
    const swapped = good.url.replace(up.body.id, other);
    for (const url of [tampered, expired.url, swapped, `/files/${up.body.id}`]) {
      const res = await fetch(srv.url + url, { headers: { accept: 'application/json' } });
      expect(res.status, url).toBe(403);
      expect(await res.json()).toMatchObject({ message: 'This link is not valid or has expired' });
    }
    expect(verifyFileLink(up.body.id, 'x', 'y')).toBe(false);
  });

  it('sends an attachment once, and only in its own conversation', async () => {
    const up = await upload(agent, PNG, 'once.png');
    await sendMedia(agent, up.body.id);
    await expect(sendMedia(agent, up.body.id)).rejects.toThrow('This file has already been sent');
    await expect(sendMedia(agent, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      'content.attachmentId names no file of this conversation',
    );
    await expect(
      callerFor(agent).conversations.sendMessage({
        conversationId: conversation.uuid,
        message: { type: 'media', content: { caption: 'no file' } },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('another workspace: its upload to this conversation is a 404, and it cannot send our file', async () => {
    expect((await upload(stranger, PNG, 'x.png')).status).toBe(404);
    const ws = await inboxWorkspace({ aiEnabled: false });
    const theirs = await openConversation(srv.url, ws.admin, ws.bot.id);
    const ours = await upload(agent, PNG, 'ours.png');
    await expect(sendMedia(ws.admin, ours.body.id, theirs.uuid)).rejects.toThrow(
      'content.attachmentId names no file of this conversation',
    );
    const [row] = await db.select().from(attachments).where(eq(attachments.uuid, ours.body.id));
    expect(row!.messageId).toBeNull();
  });

  it('an agent who cannot access the conversation can neither upload nor get a link', async () => {
    const res = await upload(colleague, PNG, 'x.png');
    expect(res.status).toBe(403);
    await expect(
      callerFor(colleague).conversations.thread({ conversationId: conversation.uuid }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
