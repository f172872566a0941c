import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { attachments, conversations, type User } from '../server/db/schema';
import { mediaDownload } from '../server/jobs/tasks/media-download';
import { makeWhatsappIntegration } from './factories/integration';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { postWebhook, sendNow } from './helpers/channels';
import { serverForThisFile } from './helpers/server';
import { messageByWamid } from './helpers/whatsapp-media';
import { EVOLUTION_URL, evolutionUpsert, WAHA_URL, wahaMessage } from './mocks/bridges';
import {
  type CapturedBridgeCall,
  evolutionBase64Handler,
  evolutionImageUpsert,
  evolutionMediaSendHandler,
  wahaFiles,
  wahaMediaMessage,
  wahaMediaSendHandlers,
} from './mocks/bridges-media';
import { mockServer } from './mocks/server';

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'whatsapp-media-qr-'));

const srv = serverForThisFile();

const credentials = { apiKey: 'bridge-key', webhookSecret: 'hook-secret' };
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(300, 5),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(700, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function bridge(provider: 'waha' | 'evolution') {
  const { admin } = await makeWorkspace();
  const { integration } = await makeWhatsappIntegration(
    admin,
    'WHATSAPP_QR',
    provider === 'waha'
      ? { provider, baseUrl: WAHA_URL, session: 'default' }
      : { provider, baseUrl: EVOLUTION_URL, instance: 'loja' },
    credentials,
  );
  const deliver = async (body: unknown) => {
    const res = await postWebhook(srv.url, `/webhooks/whatsapp-qr/${integration.uuid}`, body, {
      'X-Webhook-Secret': 'hook-secret',
    });
    expect(res.status).toBe(200);
  };
  return { admin, deliver };
}

/** An agent's upload into the customer's conversation, then its media message (its uuid). */
async function sendFile(admin: User, externalUserId: string, bytes: Buffer, name: string) {
  const [c] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.externalUserId, externalUserId));
  const res = await fetch(`${srv.url}/console/files?conversationId=${c!.uuid}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
      authorization: `Bearer ${await tokenFor(admin)}`,
    },
    body: new Uint8Array(bytes),
  });
  expect(res.status).toBe(201);
  const file = (await res.json()) as { id: string };
  const sent = await callerFor(admin).conversations.sendMessage({
    conversationId: c!.uuid,
    message: { type: 'media', content: { attachmentId: file.id, caption: 'Segue' } },
  });
  return sent.id;
}

const runJob = (messageId: number) =>
  mediaDownload({ messageId }, { job: { attempts: 1, max_attempts: 6 } } as never);

describe('WAHA: media', () => {
  it('sends an image with sendImage and a PDF with sendFile, as base64', async () => {
    const { admin, deliver } = await bridge('waha');
    const from = '5511999990020@c.us';
    await deliver(wahaMessage(from, 'false_m_1', 'oi'));
    const calls: CapturedBridgeCall[] = [];
    mockServer.use(...wahaMediaSendHandlers(calls));
    expect(await sendNow(await sendFile(admin, from, PNG, 'foto.png'))).toMatchObject({
      status: 'sent',
      externalId: 'true_5511999990020@c.us_3EB0M1',
    });
    expect(await sendNow(await sendFile(admin, from, PDF, 'nota.pdf'))).toMatchObject({
      status: 'sent',
    });
    expect(calls.map((c) => [c.path, c.apiKey])).toEqual([
      ['/api/sendImage', 'bridge-key'],
      ['/api/sendFile', 'bridge-key'],
    ]);
    expect(calls[0]!.body).toEqual({
      session: 'default',
      chatId: from,
      file: { mimetype: 'image/png', filename: 'foto.png', data: PNG.toString('base64') },
      caption: 'Segue',
    });
    expect(calls[1]!.body).toMatchObject({
      file: { mimetype: 'application/pdf', filename: 'nota.pdf', data: PDF.toString('base64') },
    });
  });

  it("receives a file from the bridge's /api/files/ with the API key, on the configured host", async () => {
    const { deliver } = await bridge('waha');
    const id = 'false_5511999990022@c.us_3EB0IMG';
    const calls: { path: string; apiKey: string | null }[] = [];
    mockServer.use(
      wahaFiles(
        { [`/api/files/default/${id}.jpeg`]: { bytes: JPEG, mimeType: 'image/jpeg' } },
        calls,
      ),
    );
    await deliver(wahaMediaMessage('5511999990022@c.us', id, 'olha', { mimetype: 'image/jpeg' }));
    const written = await messageByWamid(id);
    expect(written.content).toEqual({
      mediaType: 'image',
      caption: 'olha',
      text: 'olha',
      download: { state: 'downloading' },
    });
    await runJob(written.id);
    const [file] = await db.select().from(attachments).where(eq(attachments.messageId, written.id));
    expect(file).toMatchObject({ contentType: 'image/jpeg', byteSize: JPEG.byteLength });
    expect((await messageByWamid(id)).content).toEqual({
      attachmentId: file!.uuid,
      contentType: 'image/jpeg',
      byteSize: JPEG.byteLength,
      fileName: 'image.jpg',
      caption: 'olha',
      text: 'olha',
    });
    // The webhook said localhost:3000; the key went to the integration's own base URL.
    expect(calls).toEqual([{ path: `/api/files/default/${id}.jpeg`, apiKey: 'bridge-key' }]);
  });

  it('marks failed at once a file the bridge no longer has', async () => {
    const { deliver } = await bridge('waha');
    const id = 'false_5511999990023@c.us_3EB0OLD';
    mockServer.use(wahaFiles({}));
    await deliver(
      wahaMediaMessage('5511999990023@c.us', id, '', {
        mimetype: 'application/pdf',
        filename: 'boleto.pdf',
      }),
    );
    await runJob((await messageByWamid(id)).id);
    expect((await messageByWamid(id)).content).toEqual({
      mediaType: 'document',
      caption: null,
      text: '[document]',
      download: {
        state: 'failed',
        reason: 'The bridge no longer has the file (WHATSAPP_FILES_LIFETIME)',
      },
    });
  });
});

describe('Evolution API: media', () => {
  it('sends a PDF with sendMedia as base64', async () => {
    const { admin, deliver } = await bridge('evolution');
    const jid = '5511999990021@s.whatsapp.net';
    await deliver(evolutionUpsert('loja', jid, 'IN-EVO-1', 'oi'));
    const calls: CapturedBridgeCall[] = [];
    mockServer.use(evolutionMediaSendHandler('loja', calls));
    expect(await sendNow(await sendFile(admin, jid, PDF, 'pedido.pdf'))).toMatchObject({
      status: 'sent',
      externalId: 'BAE5MEDIA1',
    });
    expect(calls).toEqual([
      {
        path: '/message/sendMedia/loja',
        apiKey: 'bridge-key',
        body: {
          number: '5511999990021',
          mediatype: 'document',
          mimetype: 'application/pdf',
          caption: 'Segue',
          media: PDF.toString('base64'),
          fileName: 'pedido.pdf',
        },
      },
    ]);
  });

  it('receives an image through getBase64FromMediaMessage by its key', async () => {
    const { deliver } = await bridge('evolution');
    const calls: CapturedBridgeCall[] = [];
    mockServer.use(
      evolutionBase64Handler(
        'loja',
        { '3EB0EVOIMG': { bytes: JPEG, mimeType: 'image/jpeg', fileName: '3EB0EVOIMG.jpeg' } },
        calls,
      ),
    );
    await deliver(
      evolutionImageUpsert('loja', '5511999990024@s.whatsapp.net', '3EB0EVOIMG', 'a peça'),
    );
    const written = await messageByWamid('3EB0EVOIMG');
    expect(written.content).toMatchObject({ download: { state: 'downloading' }, text: 'a peça' });
    await runJob(written.id);
    expect((await messageByWamid('3EB0EVOIMG')).content).toMatchObject({
      contentType: 'image/jpeg',
      byteSize: JPEG.byteLength,
      fileName: '3EB0EVOIMG.jpeg',
      caption: 'a peça',
    });
    expect(calls).toEqual([
      {
        path: '/chat/getBase64FromMediaMessage/loja',
        apiKey: 'bridge-key',
        body: { message: { key: { id: '3EB0EVOIMG' } }, convertToMp4: false },
      },
    ]);
  });
});
