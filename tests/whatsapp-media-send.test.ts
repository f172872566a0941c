import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { type Conversation, conversations, messages, type User } from '../server/db/schema';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import { serverForThisFile } from './helpers/server';
import { mockServer } from './mocks/server';
import {
  cloudWebhook,
  graphError,
  graphHandler,
  sentReply,
  sign,
  textMessage,
} from './mocks/whatsapp-cloud';
import { type CapturedUpload, mediaUploadHandler, uploaded } from './mocks/whatsapp-cloud-media';

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'whatsapp-media-send-'));

const srv = serverForThisFile();

const SECRET = 'app-secret-media';
const PHONE_ID = '106540352242933';
const CUSTOMER = '5511988880001';

/** A real PNG's signature and IHDR, then filler. */
const png = (filler = 64) =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.alloc(filler, 7),
  ]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let admin: User;
let conversation: Conversation;

beforeAll(async () => {
  admin = (await makeWorkspace()).admin;
  const { integration } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_CLOUD',
    { phoneNumberId: PHONE_ID },
    { accessToken: 'EAAG-media-token', appSecret: SECRET, verifyToken: 'v' },
  );
  // The customer writes first: the conversation exists and its 24-hour window is open.
  const raw = JSON.stringify(cloudWebhook(PHONE_ID, textMessage(CUSTOMER, 'wamid.HI', 'oi')));
  const res = await postWebhook(srv.url, `/webhooks/whatsapp-cloud/${integration.uuid}`, raw, {
    'X-Hub-Signature-256': sign(raw, SECRET),
  });
  expect(res.status).toBe(200);
  [conversation] = (await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, CUSTOMER))) as [Conversation];
});

/** An agent's upload through the console's route, then its media message. */
async function sendFile(bytes: Uint8Array, fileName: string, caption?: string) {
  const res = await fetch(`${srv.url}/console/files?conversationId=${conversation.uuid}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(fileName),
      authorization: `Bearer ${await tokenFor(admin)}`,
    },
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(201);
  const file = (await res.json()) as { id: string };
  const sent = await callerFor(admin).conversations.sendMessage({
    conversationId: conversation.uuid,
    message: { type: 'media', content: { attachmentId: file.id, ...(caption ? { caption } : {}) } },
  });
  return sent.id;
}

describe('WhatsApp Cloud: an agent sends a file', () => {
  it('uploads an image (multipart) and sends it by its media id with the caption', async () => {
    const uploads: CapturedUpload[] = [];
    const sends: Record<string, unknown>[] = [];
    mockServer.use(
      mediaUploadHandler(PHONE_ID, () => uploaded('1037543291543636'), uploads),
      graphHandler(PHONE_ID, () => sentReply(CUSTOMER, 'wamid.IMG1'), sends),
    );
    const bytes = png();
    const sent = await sendNow(await sendFile(bytes, 'receipt.png', 'Your receipt'));
    expect(sent).toMatchObject({ status: 'sent', externalId: 'wamid.IMG1' });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({
      authorization: 'Bearer EAAG-media-token',
      messagingProduct: 'whatsapp',
      type: 'image/png',
      fileName: 'receipt.png',
      fileType: 'image/png',
    });
    expect(uploads[0]!.bytes.equals(bytes)).toBe(true);
    expect(sends).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: CUSTOMER,
        type: 'image',
        image: { id: '1037543291543636', caption: 'Your receipt' },
        authorization: 'Bearer EAAG-media-token',
      },
    ]);
  });

  it('sends a PDF as a document with its file name', async () => {
    const uploads: CapturedUpload[] = [];
    const sends: Record<string, unknown>[] = [];
    mockServer.use(
      mediaUploadHandler(PHONE_ID, () => uploaded('2207543291543111'), uploads),
      graphHandler(PHONE_ID, () => sentReply(CUSTOMER, 'wamid.PDF1'), sends),
    );
    const sent = await sendNow(await sendFile(PDF, 'Invoice 42.pdf', 'The invoice'));
    expect(sent).toMatchObject({ status: 'sent', externalId: 'wamid.PDF1' });
    expect(uploads[0]).toMatchObject({ type: 'application/pdf', fileName: 'Invoice 42.pdf' });
    expect(uploads[0]!.bytes.equals(PDF)).toBe(true);
    expect(sends[0]).toMatchObject({
      type: 'document',
      document: { id: '2207543291543111', caption: 'The invoice', filename: 'Invoice 42.pdf' },
    });
  });

  it('sends MP3 as audio without a caption (Meta takes none) and a GIF as a document', async () => {
    const uploads: CapturedUpload[] = [];
    const sends: Record<string, unknown>[] = [];
    mockServer.use(
      mediaUploadHandler(PHONE_ID, (n) => uploaded(`55000000000000${n}`), uploads),
      graphHandler(PHONE_ID, (_b, n) => sentReply(CUSTOMER, `wamid.K${n}`), sends),
    );
    const mp3 = Buffer.concat([Buffer.from('ID3\x04\x00\x00', 'latin1'), Buffer.alloc(256, 2)]);
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(64, 4)]);
    await sendNow(await sendFile(mp3, 'voice.mp3', 'listen'));
    await sendNow(await sendFile(gif, 'dance.gif', 'look'));
    expect(uploads.map((u) => u.type)).toEqual(['audio/mpeg', 'image/gif']);
    expect(sends.map(({ type, audio, document }) => ({ type, audio, document }))).toEqual([
      { type: 'audio', audio: { id: '550000000000001' }, document: undefined },
      {
        type: 'document',
        audio: undefined,
        document: { id: '550000000000002', caption: 'look', filename: 'dance.gif' },
      },
    ]);
  });

  it('reuses the uploaded media id when the send is retried', async () => {
    const uploads: CapturedUpload[] = [];
    const sends: Record<string, unknown>[] = [];
    mockServer.use(
      mediaUploadHandler(PHONE_ID, (n) => uploaded(`30000000000000${n}`), uploads),
      graphHandler(
        PHONE_ID,
        (_body, n) =>
          n === 1
            ? graphError(503, 131000, 'Something went wrong')
            : sentReply(CUSTOMER, 'wamid.R2'),
        sends,
      ),
    );
    const id = await sendFile(png(), 'again.png');
    await expect(sendNow(id)).rejects.toThrow(/retry/);
    const [pending] = await db.select().from(messages).where(eq(messages.uuid, id));
    expect(pending).toMatchObject({ status: 'pending' });
    expect(pending!.metadata.providerUpload).toEqual({ account: PHONE_ID, id: '300000000000001' });
    expect(await sendNow(id)).toMatchObject({ status: 'sent', externalId: 'wamid.R2' });
    expect(uploads).toHaveLength(1);
    expect(sends.map((s) => s.image)).toEqual([
      { id: '300000000000001' },
      { id: '300000000000001' },
    ]);
  });

  it("refuses an image above Meta's 5 MB before any call", async () => {
    const uploads: CapturedUpload[] = [];
    const sends: Record<string, unknown>[] = [];
    mockServer.use(
      mediaUploadHandler(PHONE_ID, () => uploaded('1'), uploads),
      graphHandler(PHONE_ID, () => sentReply(CUSTOMER, 'wamid.BIG'), sends),
    );
    const sent = await sendNow(await sendFile(png(6 * 1_048_576), 'huge.png'));
    expect(sent).toMatchObject({ status: 'failed', errorCode: 'media_too_large' });
    expect(sent.errorTitle).toBe('The file is 6 MB; WhatsApp takes images (image/png) up to 5 MB');
    expect(uploads).toHaveLength(0);
    expect(sends).toHaveLength(0);
  });

  it('fails the message with the Graph API’s answer when the upload is refused (4xx)', async () => {
    const sends: Record<string, unknown>[] = [];
    mockServer.use(
      mediaUploadHandler(PHONE_ID, () =>
        graphError(400, 131053, 'Media upload error: the file type is not supported'),
      ),
      graphHandler(PHONE_ID, () => sentReply(CUSTOMER, 'wamid.NO'), sends),
    );
    const sent = await sendNow(await sendFile(png(), 'refused.png'));
    expect(sent).toMatchObject({
      status: 'failed',
      errorCode: '131053',
      errorTitle: 'Media upload error: the file type is not supported',
    });
    expect(sends).toHaveLength(0);
  });

  it('retries an upload the Graph API throttled, without recording an unknown outcome', async () => {
    const uploads: CapturedUpload[] = [];
    mockServer.use(
      mediaUploadHandler(
        PHONE_ID,
        (n) => (n === 1 ? graphError(429, 130429, 'Rate limit hit') : uploaded('4000')),
        uploads,
      ),
      graphHandler(PHONE_ID, () => sentReply(CUSTOMER, 'wamid.T2')),
    );
    const id = await sendFile(png(), 'throttled.png');
    await expect(sendNow(id)).rejects.toThrow(/retry/);
    expect(await sendNow(id)).toMatchObject({ status: 'sent', externalId: 'wamid.T2' });
    expect(uploads).toHaveLength(2);
  });
});
