import { readdirSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { attachments, messages } from '../server/db/schema';
import { callerFor } from './helpers/auth';
import { api } from './helpers/server';
import { cutOffUpload, EXE, PDF, PNG } from './helpers/uploads';
import { widgetFileTestbed } from './helpers/widget-files';

const bed = widgetFileTestbed('widget-files-test');
const { srv, upload, send, newVisitor, agentUpload } = bed;

const stored = async () => (await db.select({ n: count() }).from(attachments))[0]!.n;
const filesOnDisk = () => readdirSync(config.dataDir, { recursive: true }).length;
const rowOf = async (uuid: string) =>
  (await db.select().from(attachments).where(eq(attachments.uuid, uuid)))[0]!;

describe('POST /widget/files: a visitor uploads', () => {
  it("stores the file in the visitor's own conversation, typed from its bytes", async () => {
    const res = await upload(bed.ana.token, PNG, 'invoice.pdf');
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
      conversationId: bed.ana.conversation.id,
      uploadedByUserId: null,
      uploadedByContactId: bed.ana.conversation.contactId,
      messageId: null,
    });
  });

  it('refuses a wrong type (415), a file too large (413) and an empty one (400), storing nothing', async () => {
    const before = await stored();
    const onDisk = filesOnDisk();
    const exe = await upload(bed.ana.token, EXE, 'cat.png');
    expect(exe.status).toBe(415);
    expect(exe.body.message).toMatch(/cannot be attached; allowed: image\/jpeg, image\/png/);
    const limit = config.FILES_MAX_BYTES;
    config.FILES_MAX_BYTES = 64 * 1024;
    try {
      const big = await upload(bed.ana.token, Buffer.concat([PNG, Buffer.alloc(100 * 1024)]));
      expect(big.status).toBe(413);
      expect(big.body.message).toBe('The file is larger than 0.1 MB, the most a file may be');
    } finally {
      config.FILES_MAX_BYTES = limit;
    }
    const empty = await upload(bed.ana.token, new Uint8Array());
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
        authorization: `Bearer ${bed.ana.token}`,
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
    expect((await upload(bed.ws.bot.publicKey, PNG)).status).toBe(401);
    const agent = await upload(bed.ws.token, PNG);
    expect(agent.status).toBe(403);
    expect(await stored()).toBe(before);
  });

  it("puts another visitor's upload in their conversation, never in this one", async () => {
    const bea = await newVisitor();
    const theirs = await upload(bea.token, PNG, 'bea.png');
    expect((await rowOf(theirs.body.id)).conversationId).toBe(bea.conversation.id);
    // A fresh session from the public key is a new visitor with no conversation: nothing to add to.
    const fresh = await api(srv.url, 'POST', '/widget/session', {
      body: { publicKey: bed.ws.bot.publicKey },
    });
    expect((await upload(fresh.body.token, PNG)).status).toBe(404);
  });

  it('takes no file into an ended conversation (409)', async () => {
    const cy = await newVisitor();
    await callerFor(bed.ws.admin).conversations.end({ conversationId: cy.conversation.uuid });
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
    const up = await upload(bed.ana.token, PNG, 'broken screen.png');
    const res = await send(bed.ana.token, up.body.id, { caption: 'It cracked here' });
    expect(res.status).toBe(202);
    const message = res.body.data.message;
    expect(message).toMatchObject({
      conversationId: bed.ana.conversation.uuid,
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
    const thread = await callerFor(bed.ws.admin).conversations.thread({
      conversationId: bed.ana.conversation.uuid,
    });
    const shown = thread.messages.find((m) => m.id === message.id)!;
    expect(shown.attachment).toMatchObject({ id: up.body.id, contentType: 'image/png' });
    expect((await fetch(srv.url + shown.attachment!.url)).status).toBe(200);

    const again = await send(bed.ana.token, up.body.id);
    expect(again).toMatchObject({
      status: 409,
      body: { message: 'This file has already been sent' },
    });
  });

  it("is refused another visitor's upload, and the upload stays unsent", async () => {
    const bea = await newVisitor();
    const theirs = await upload(bea.token, PNG, 'bea.png');
    const res = await send(bed.ana.token, theirs.body.id);
    expect(res).toMatchObject({ status: 404, body: { message: 'File not found' } });
    expect((await rowOf(theirs.body.id)).messageId).toBeNull();
  });

  it("is refused an agent's upload, even a deleted agent's; an agent cannot send the visitor's", async () => {
    const agentFile = await agentUpload(bed.ana.conversation, PDF, 'terms.pdf');
    expect((await send(bed.ana.token, agentFile)).status).toBe(404);
    // A deleted agent's upload loses its user; it does not become the visitor's.
    await db
      .update(attachments)
      .set({ uploadedByUserId: null })
      .where(eq(attachments.uuid, agentFile));
    expect((await send(bed.ana.token, agentFile)).status).toBe(404);
    expect((await rowOf(agentFile)).messageId).toBeNull();

    const visitorFile = await upload(bed.ana.token, PNG, 'mine.png');
    await expect(
      callerFor(bed.ws.admin).conversations.sendMessage({
        conversationId: bed.ana.conversation.uuid,
        message: { type: 'media', content: { attachmentId: visitorFile.body.id } },
      }),
    ).rejects.toThrow('content.attachmentId names no file of this conversation');
    expect((await rowOf(visitorFile.body.id)).messageId).toBeNull();
  });

  it('refuses a send into a conversation that ended after the upload (409)', async () => {
    const dan = await newVisitor();
    const up = await upload(dan.token, PNG);
    await callerFor(bed.ws.admin).conversations.end({ conversationId: dan.conversation.uuid });
    expect(await send(dan.token, up.body.id)).toMatchObject({
      status: 409,
      body: { message: 'Conversation has ended' },
    });
    expect((await rowOf(up.body.id)).messageId).toBeNull();
  });
});
