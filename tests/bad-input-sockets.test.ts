import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../server/db/client';
import { tags } from '../server/db/schema';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { openConsoleSocket } from './helpers/console-socket';
import { inboxWorkspace, openConversation } from './helpers/inbox';
import { captureLogLines } from './helpers/logs';
import { serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();
const logLines = captureLogLines();
const errorsLogged = () => logLines.filter((l) => /"level":50/.test(l));

async function adminSocket() {
  const { admin } = await makeWorkspace();
  const socket = await openConsoleSocket(srv.url, await tokenFor(admin));
  const workspaceTags = () => db.select().from(tags).where(eq(tags.workspaceId, admin.workspaceId));
  return { socket, workspaceTags };
}

/** The answer to request `id`, sent as raw text so the test chooses every byte. */
async function answerTo(socket: Awaited<ReturnType<typeof openConsoleSocket>>, id: number) {
  const frame = await eventually(async () => socket.frames.find((f) => f.id === id));
  return frame.error
    ? { code: frame.error.data?.code, message: frame.error.message }
    : { data: frame.result?.data };
}

describe('tRPC over the WebSocket checks each frame as HTTP bodies are checked', () => {
  it('refuses an unpaired surrogate in a text field with BAD_REQUEST for its id, writes nothing, and the socket goes on', async () => {
    const { socket, workspaceTags } = await adminSocket();
    socket.ws.send(
      '{"id":101,"method":"mutation","params":{"path":"tags.create","input":{"name":"half \\ud800"}}}',
    );
    expect(await answerTo(socket, 101)).toEqual({
      code: 'BAD_REQUEST',
      message: 'name must not contain NUL characters or unpaired surrogates',
    });
    // Raw (unescaped) surrogates and NULs too: JSON.stringify escapes a lone one as \udfff.
    expect(await socket.call('mutation', 'tags.create', { name: 'x', color: '\udfff' })).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
      message: 'color must not contain NUL characters or unpaired surrogates',
    });
    expect(await socket.call('mutation', 'tags.create', { name: 'nul \u0000' })).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await workspaceTags()).toEqual([]);

    const pair = await socket.call('mutation', 'tags.create', { name: 'pair 😀' });
    expect(pair.ok).toBe(true);
    expect((await workspaceTags()).map((t) => t.name)).toEqual(['pair 😀']);
    expect(socket.isOpen()).toBe(true);
    expect(errorsLogged()).toEqual([]);
    await socket.close();
  });

  it('refuses input nested 5,000 deep with the HTTP message, and a well-formed call on the same socket still works', async () => {
    const { socket, workspaceTags } = await adminSocket();
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    socket.ws.send(
      `{"id":201,"method":"mutation","params":{"path":"tags.create","input":{"name":"deep","color":${deep}}}}`,
    );
    expect(await answerTo(socket, 201)).toEqual({
      code: 'BAD_REQUEST',
      message: 'The body nests arrays and objects deeper than 32 levels',
    });
    // A query too: the check runs before any procedure, whatever its type.
    socket.ws.send(`{"id":202,"method":"query","params":{"path":"tags.list","input":${deep}}}`);
    expect(await answerTo(socket, 202)).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await workspaceTags()).toEqual([]);

    expect(await socket.call('mutation', 'tags.create', { name: 'fine' })).toMatchObject({
      ok: true,
    });
    expect((await workspaceTags()).map((t) => t.name)).toEqual(['fine']);
    expect(socket.isOpen()).toBe(true);
    expect(errorsLogged()).toEqual([]);
    await socket.close();
  });

  it('refuses a frame of several requests whole, answering each id, and names the input field', async () => {
    const { socket, workspaceTags } = await adminSocket();
    socket.ws.send(
      JSON.stringify([
        { id: 301, method: 'mutation', params: { path: 'tags.create', input: { name: 'fine' } } },
        { id: 302, method: 'mutation', params: { path: 'tags.create', input: { name: '\ud83d' } } },
      ]),
    );
    for (const id of [301, 302]) {
      expect(await answerTo(socket, id)).toEqual({
        code: 'BAD_REQUEST',
        message: 'name must not contain NUL characters or unpaired surrogates',
      });
    }
    expect(await workspaceTags()).toEqual([]);
    await socket.close();
  });

  it('closes the socket with 1007 on bytes that are not UTF-8 (ws), and 1009 past HTTP_BODY_LIMIT_BYTES', async () => {
    const { socket: notUtf8, workspaceTags } = await adminSocket();
    const bad = Buffer.concat([
      Buffer.from('{"id":1,"method":"mutation","params":{"path":"tags.create","input":{"name":"'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('"}}}'),
    ]);
    notUtf8.ws.send(bad, { binary: false });
    expect((await notUtf8.closed).code).toBe(1007);
    expect(await workspaceTags()).toEqual([]);

    const { socket: big } = await adminSocket();
    big.ws.send(
      JSON.stringify({
        id: 1,
        method: 'query',
        params: { path: 'x', input: 'y'.repeat(1_048_577) },
      }),
    );
    expect((await big.closed).code).toBe(1009);
    // The peer's fault, logged as such, not as a server error.
    expect(errorsLogged()).toEqual([]);
    expect(logLines.filter((l) => /malformed frame/.test(l)).length).toBe(2);
  });
});

describe('/messages gateway frames', () => {
  it('store no text: a surrogate, a deep data or a message id that is no uuid is an error frame, never a logged failure', async () => {
    const { admin, bot, token } = await inboxWorkspace({ aiEnabled: false });
    const conversation = await openConversation(srv.url, admin, bot.id);
    const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/messages?token=${token}`);
    const frames: { event: string; data: Record<string, unknown> }[] = [];
    ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
    await new Promise((resolve) => ws.once('open', resolve));
    const errorFor = (text: string) => {
      const seen = frames.length;
      ws.send(text);
      return eventually(async () => frames.slice(seen).find((f) => f.event === 'error'));
    };
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(
      (await errorFor('{"event":"subscribe","data":{"conversationId":"\\ud800"}}')).data,
    ).toEqual({ event: 'subscribe', message: 'Conversation not found' });
    expect((await errorFor(`{"event":"subscribe","data":${deep}}`)).data.event).toBe('subscribe');
    const read = (messageId: string) =>
      JSON.stringify({ event: 'read', data: { conversationId: conversation.uuid, messageId } });
    expect((await errorFor(read('not-a-uuid'))).data).toEqual({
      event: 'read',
      message: 'Message not found',
    });
    expect((await errorFor(read('\ud800'))).data.message).toBe('Message not found');
    expect(ws.readyState).toBe(ws.OPEN);
    expect(errorsLogged().map((l) => l.slice(0, 400))).toEqual([]);
    ws.close();
  });
});
