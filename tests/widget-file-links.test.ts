import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { attachments } from '../server/db/schema';
import { callerFor } from './helpers/auth';
import { inboxWorkspace } from './helpers/inbox';
import { api } from './helpers/server';
import { PDF, PNG } from './helpers/uploads';
import { widgetFileTestbed } from './helpers/widget-files';
import { eventually } from './helpers/worker';

const bed = widgetFileTestbed('widget-file-links-test');
const { srv, upload, send, newVisitor, agentUpload } = bed;

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
    const sent = await callerFor(bed.ws.admin).conversations.sendMessage({
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
    const up = await upload(bed.ana.token, PNG, 'soon.png');
    expect((await send(bed.ana.token, up.body.id)).status).toBe(202);
    const ttl = config.FILES_LINK_TTL_SECONDS;
    config.FILES_LINK_TTL_SECONDS = -1;
    try {
      const list = await api(
        srv.url,
        'GET',
        `/messages/conversation/${bed.ana.conversation.uuid}`,
        {
          token: bed.ana.token,
        },
      );
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
    const zoe = await newVisitor(other.bot);
    const ours = await upload(bed.ana.token, PNG, 'ours.png');
    // Not sendable, not listable, and its own links do not open ours.
    expect(await send(zoe.token, ours.body.id)).toMatchObject({ status: 404 });
    const read = await api(srv.url, 'GET', `/messages/conversation/${bed.ana.conversation.uuid}`, {
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
