import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import type { WorkerHandle } from '../server/jobs/worker';
import { startTestServer, type TestServer } from './helpers/server';
import { cloudLine, downloadJob, messageByWamid } from './helpers/whatsapp-media';
import { eventually, runRetriesNow, runWorker } from './helpers/worker';
import { mockServer } from './mocks/server';
import { graphHandler, sentReply } from './mocks/whatsapp-cloud';
import { customerMedia, type MediaCalls, mediaMessage } from './mocks/whatsapp-cloud-media';

// This file's files, not the repository's .data/ (the store is chosen on first use).
config.dataDir = mkdtempSync(path.join(tmpdir(), 'whatsapp-media-retries-'));

const PHONE_ID = '106540352242955';
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(512, 3),
]);

let srv: TestServer;
let worker: WorkerHandle;
let line: Awaited<ReturnType<typeof cloudLine>>;

beforeAll(async () => {
  srv = await startTestServer();
  worker = await runWorker();
  line = await cloudLine(srv.url, PHONE_ID);
});
afterAll(async () => {
  await worker.stop();
  await srv.close();
});

/** The bot may answer the customer meanwhile: its replies go out as Meta would take them. */
const botReplies = () => graphHandler(PHONE_ID, (_b, n) => sentReply('x', `wamid.BOT${n}`));

/** Runs the waiting retries now, until `done` holds (graphile-worker's backoff is minutes). */
async function retryUntil(done: () => Promise<boolean>) {
  return eventually(async () => {
    if (await done()) return true;
    await runRetriesNow();
    return false;
  }, 60_000);
}

describe('WhatsApp Cloud: a failed download, through the real worker', () => {
  it('is retried by the job and stored once the file comes', async () => {
    const calls: MediaCalls = { lookups: [], downloads: [] };
    mockServer.use(
      botReplies(),
      ...customerMedia({ '3000000000000001': { bytes: PNG, mimeType: 'image/png' } }, calls, (n) =>
        n === 1 ? new HttpResponse('upstream error', { status: 500 }) : undefined,
      ),
    );
    await line.deliver(
      mediaMessage('5511966660001', 'wamid.RETRY', 'image', { id: '3000000000000001' }),
    );
    const m = await messageByWamid('wamid.RETRY');
    // The first attempt failed, and graphile-worker holds the job for its backoff.
    const failed = await eventually(async () => {
      const job = await downloadJob(m.id);
      return job?.attempts === 1 && job.last_error ? job : undefined;
    });
    expect(failed.last_error).toMatch(/asked to retry \(500\)/);
    await retryUntil(
      async () => typeof (await messageByWamid('wamid.RETRY')).content.attachmentId === 'string',
    );
    expect((await messageByWamid('wamid.RETRY')).content).toMatchObject({
      contentType: 'image/png',
      byteSize: PNG.byteLength,
    });
    expect(calls.downloads).toHaveLength(2);
  });

  it('that always fails ends marked failed after the last attempt, never lost silently', async () => {
    const calls: MediaCalls = { lookups: [], downloads: [] };
    mockServer.use(
      botReplies(),
      ...customerMedia({ '3000000000000002': { bytes: PNG, mimeType: 'image/png' } }, calls, () =>
        HttpResponse.json(
          {
            error: { message: 'Service temporarily unavailable', code: 2, type: 'OAuthException' },
          },
          { status: 503 },
        ),
      ),
    );
    await line.deliver(
      mediaMessage('5511966660002', 'wamid.NEVER', 'image', {
        caption: 'the broken part',
        id: '3000000000000002',
      }),
    );
    const m = await messageByWamid('wamid.NEVER');
    await retryUntil(
      async () =>
        (await messageByWamid('wamid.NEVER')).content.download !== undefined &&
        ((await messageByWamid('wamid.NEVER')).content.download as { state: string }).state ===
          'failed',
    );
    expect((await messageByWamid('wamid.NEVER')).content).toEqual({
      mediaType: 'image',
      caption: 'the broken part',
      text: 'the broken part',
      download: {
        state: 'failed',
        reason: 'WhatsApp media download asked to retry (2): Service temporarily unavailable',
      },
    });
    expect(calls.downloads).toHaveLength(6);
    // The last attempt recorded the failure instead of throwing: the job completed.
    expect(await downloadJob(m.id)).toBeUndefined();
  });
});
