import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { attachments, type User } from '../server/db/schema';
import { mediaDownload } from '../server/jobs/tasks/media-download';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { serverForThisFile } from './helpers/server';
import {
  cloudLine,
  conversationOfMessage,
  downloadJob,
  messageByWamid,
  updatesOf,
} from './helpers/whatsapp-media';
import { mockServer } from './mocks/server';
import { GRAPH } from './mocks/whatsapp-cloud';
import { customerMedia, type MediaCalls, mediaMessage } from './mocks/whatsapp-cloud-media';

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'whatsapp-media-receive-'));

const srv = serverForThisFile();

const PHONE_ID = '106540352242944';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 9)]);
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64)]);

/** The job as graphile-worker runs it: `attempt` of `max` (6, the catalogue's). */
const runJob = (messageId: number, attempt = 1, max = 6) =>
  mediaDownload({ messageId }, { job: { attempts: attempt, max_attempts: max } } as never);

let line: Awaited<ReturnType<typeof cloudLine>>;
let stranger: User;
let n = 0;
const customer = () => `55119777700${String(++n).padStart(2, '0')}`;

beforeAll(async () => {
  line = await cloudLine(srv.url, PHONE_ID);
  stranger = (await makeWorkspace()).admin;
});

const filesOf = async (messageId: number) =>
  (
    await db.select({ n: count() }).from(attachments).where(eq(attachments.messageId, messageId))
  )[0]!.n;

describe('WhatsApp Cloud: a customer sends a file', () => {
  it('is written at once as downloading, then stored by the job and shown with a working link', async () => {
    const calls: MediaCalls = { lookups: [], downloads: [] };
    mockServer.use(
      ...customerMedia({ '1479537139650973': { bytes: JPEG, mimeType: 'image/jpeg' } }, calls),
    );
    const sha = createHash('sha256').update(JPEG).digest('hex');
    await line.deliver(
      mediaMessage(customer(), 'wamid.IMG.IN1', 'image', {
        caption: 'my receipt',
        mime_type: 'image/jpeg',
        sha256: sha,
        id: '1479537139650973',
      }),
    );
    const written = await messageByWamid('wamid.IMG.IN1');
    expect(written.content).toEqual({
      mediaType: 'image',
      caption: 'my receipt',
      text: 'my receipt',
      download: { state: 'downloading' },
    });
    expect(await downloadJob(written.id)).toMatchObject({ attempts: 0, max_attempts: 6 });
    expect(calls.lookups).toHaveLength(0);

    await runJob(written.id);
    const stored = await messageByWamid('wamid.IMG.IN1');
    const [file] = await db.select().from(attachments).where(eq(attachments.messageId, written.id));
    expect(file).toMatchObject({
      conversationId: written.conversationId,
      workspaceId: written.workspaceId,
      uploadedByUserId: null,
      contentType: 'image/jpeg',
      byteSize: JPEG.byteLength,
      fileName: 'image.jpg',
      sha256: sha,
    });
    expect(stored.content).toEqual({
      attachmentId: file!.uuid,
      contentType: 'image/jpeg',
      byteSize: JPEG.byteLength,
      fileName: 'image.jpg',
      caption: 'my receipt',
      text: 'my receipt',
    });
    expect(calls.lookups).toEqual([
      {
        id: '1479537139650973',
        authorization: 'Bearer EAAG-inbound-token',
        phoneNumberId: PHONE_ID,
      },
    ]);
    expect(calls.downloads).toEqual([
      { mid: '1479537139650973', authorization: 'Bearer EAAG-inbound-token' },
    ]);
    expect(await updatesOf(written.id)).toBe(1);

    // The console's thread links the file; the link serves the same bytes.
    const c = await conversationOfMessage(written);
    const thread = await callerFor(line.admin).conversations.thread({ conversationId: c.uuid });
    const shown = thread.messages.find((m) => m.id === written.uuid) as unknown as {
      attachment?: { url: string; fileName: string };
    };
    expect(shown.attachment).toMatchObject({ fileName: 'image.jpg' });
    const res = await fetch(`${srv.url}${shown.attachment!.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).toBe(true);

    // Another workspace cannot see the conversation, so gets no link either.
    await expect(
      callerFor(stranger).conversations.thread({ conversationId: c.uuid }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores one file when the job runs twice', async () => {
    mockServer.use(
      ...customerMedia({ '2000000000000001': { bytes: JPEG, mimeType: 'image/jpeg' } }),
    );
    await line.deliver(
      mediaMessage(customer(), 'wamid.IMG.TWICE', 'image', {
        mime_type: 'image/jpeg',
        id: '2000000000000001',
      }),
    );
    const m = await messageByWamid('wamid.IMG.TWICE');
    await Promise.all([runJob(m.id), runJob(m.id)]);
    await runJob(m.id);
    expect(await filesOf(m.id)).toBe(1);
    expect(await updatesOf(m.id)).toBe(1);
    expect((await messageByWamid('wamid.IMG.TWICE')).content).toMatchObject({ text: '[image]' });
  });

  it("keeps a document's own name", async () => {
    mockServer.use(
      ...customerMedia({ '2000000000000002': { bytes: PDF, mimeType: 'application/pdf' } }),
    );
    await line.deliver(
      mediaMessage(customer(), 'wamid.DOC.IN', 'document', {
        filename: 'Contrato assinado.pdf',
        mime_type: 'application/pdf',
        id: '2000000000000002',
      }),
    );
    const m = await messageByWamid('wamid.DOC.IN');
    await runJob(m.id);
    expect((await messageByWamid('wamid.DOC.IN')).content).toMatchObject({
      contentType: 'application/pdf',
      fileName: 'Contrato assinado.pdf',
      text: '[document]',
    });
  });

  it('retries a file whose sha256 differs, and on the last attempt marks it failed', async () => {
    mockServer.use(
      http.get(`${GRAPH}/2000000000000003`, () =>
        HttpResponse.json({
          messaging_product: 'whatsapp',
          url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=2000000000000003',
          mime_type: 'image/jpeg',
          sha256: 'a'.repeat(64),
          file_size: String(JPEG.byteLength),
          id: '2000000000000003',
        }),
      ),
      ...customerMedia({ '2000000000000003': { bytes: JPEG, mimeType: 'image/jpeg' } }),
    );
    await line.deliver(mediaMessage(customer(), 'wamid.SHA', 'image', { id: '2000000000000003' }));
    const m = await messageByWamid('wamid.SHA');
    await expect(runJob(m.id, 1)).rejects.toThrow(/sha256/);
    expect((await messageByWamid('wamid.SHA')).content.download).toEqual({ state: 'downloading' });
    await runJob(m.id, 6);
    expect((await messageByWamid('wamid.SHA')).content.download).toEqual({
      state: 'failed',
      reason: "The downloaded file does not match WhatsApp's sha256",
    });
    expect(await filesOf(m.id)).toBe(0);
    expect(await updatesOf(m.id)).toBe(1);
  });

  it('marks failed at once, without retrying, media Meta no longer has', async () => {
    mockServer.use(...customerMedia({}));
    await line.deliver(mediaMessage(customer(), 'wamid.GONE', 'audio', { id: '2000000000000004' }));
    const m = await messageByWamid('wamid.GONE');
    await runJob(m.id, 1);
    expect((await messageByWamid('wamid.GONE')).content.download).toEqual({
      state: 'failed',
      reason: 'Unsupported get request. Object with ID does not exist',
    });
  });

  it('marks failed, without downloading, a file past FILES_MAX_BYTES', async () => {
    const calls: MediaCalls = { lookups: [], downloads: [] };
    mockServer.use(
      ...customerMedia({ '2000000000000005': { bytes: JPEG, mimeType: 'image/jpeg' } }, calls),
    );
    await line.deliver(mediaMessage(customer(), 'wamid.BIG', 'image', { id: '2000000000000005' }));
    const m = await messageByWamid('wamid.BIG');
    const limit = config.FILES_MAX_BYTES;
    config.FILES_MAX_BYTES = 1024;
    try {
      await runJob(m.id, 1);
    } finally {
      config.FILES_MAX_BYTES = limit;
    }
    expect((await messageByWamid('wamid.BIG')).content.download).toEqual({
      state: 'failed',
      reason: 'The file is larger than 0 MB, the most a file may be',
    });
    expect(calls.downloads).toHaveLength(0);
  });

  it('marks failed a file of a type we refuse, storing nothing', async () => {
    mockServer.use(
      ...customerMedia({
        '2000000000000006': { bytes: EXE, mimeType: 'application/x-msdownload' },
      }),
    );
    await line.deliver(
      mediaMessage(customer(), 'wamid.EXE', 'document', {
        filename: 'invoice.pdf',
        id: '2000000000000006',
      }),
    );
    const m = await messageByWamid('wamid.EXE');
    await runJob(m.id, 1);
    const { download } = (await messageByWamid('wamid.EXE')).content as {
      download: { state: string; reason: string };
    };
    expect(download.state).toBe('failed');
    expect(download.reason).toMatch(/^This type of file cannot be attached; allowed: image\/jpeg/);
    expect(await filesOf(m.id)).toBe(0);
  });
});
