import { getEventListeners } from 'node:events';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { db } from '../server/db/client';
import { eventStream } from '../server/realtime/stream';
import { appendEvent } from '../server/services/events';
import type { ClientEvent } from '../server/trpc/presenters/event';
import type { AppRouter } from '../server/trpc/root';
import { makeChatbot } from './factories/chatbot';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { tokenFor } from './helpers/auth';
import { sendAsCustomer, visitor } from './helpers/inbox';
import { api, serverForThisFile } from './helpers/server';
import { eventually } from './helpers/worker';

const srv = serverForThisFile();

function wsClientFor(token: string) {
  const client = createWSClient({
    url: `${srv.url.replace('http', 'ws')}/trpc`,
    WebSocket: WebSocket as never,
    connectionParams: { token },
  });
  return { client, trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client })] }) };
}

interface Received {
  id: string;
  data: ClientEvent;
}

function subscribeInbox(token: string, lastEventId?: string) {
  const { client, trpc } = wsClientFor(token);
  const received: Received[] = [];
  const errors: unknown[] = [];
  let started = false;
  const sub = trpc.realtime.inbox.subscribe(
    { lastEventId: lastEventId ?? null },
    {
      onStarted: () => (started = true),
      onData: (d) => received.push(d as unknown as Received),
      onError: (e) => errors.push(e),
    },
  );
  return {
    received,
    errors,
    ready: () => eventually(async () => started),
    async close() {
      sub.unsubscribe();
      await client.close();
    },
  };
}

describe('tRPC subscriptions', () => {
  it('resumes after a dropped socket with every missed event once, in order', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const token = await tokenFor(admin);
    const first = subscribeInbox(token);
    await first.ready();
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'before the drop',
    });
    await eventually(async () => first.received.some((e) => e.data.type === 'message:created'));
    const lastSeen = first.received.at(-1)!.id;
    await first.close();

    // While disconnected: three more conversations' worth of events.
    for (let i = 0; i < 3; i++) {
      await sendAsCustomer(srv.url, admin, {
        chatbotId: bot.id,
        externalUserId: visitor(),
        content: `missed ${i}`,
      });
    }
    const second = subscribeInbox(token, lastSeen);
    await second.ready();
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'live again',
    });
    const texts = await eventually(async () => {
      const t = second.received
        .filter((e) => e.data.type === 'message:created')
        .map((e) => e.data.message?.content.text);
      return t.length >= 4 ? t : null;
    });
    expect(texts).toEqual(['missed 0', 'missed 1', 'missed 2', 'live again']);
    const ids = second.received.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBeGreaterThan(Number(lastSeen));
    await second.close();
  });

  it('shows an agent nothing of conversations assigned to another agent, nor of other workspaces', async () => {
    const { workspace, admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const agentA = await makeUser(workspace.id);
    const agentB = await makeUser(workspace.id);
    const stranger = await makeWorkspace();
    const subA = subscribeInbox(await tokenFor(agentA));
    const subStranger = subscribeInbox(await tokenFor(stranger.admin));
    await Promise.all([subA.ready(), subStranger.ready()]);
    const user = visitor();
    const res = await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: user,
      content: 'first',
    });
    const id = res.body.data.conversation.id;
    // Unassigned, the conversation is everyone's to see.
    await eventually(async () =>
      subA.received.some((e) => e.data.message?.content.text === 'first'),
    );
    await api(srv.url, 'PATCH', `/conversations/${id}/assign`, {
      token: await tokenFor(admin),
      body: { assigned_user: agentB.id },
    });
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: user,
      content: 'private to B',
    });
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'second, unassigned',
    });
    await eventually(async () =>
      subA.received.some((e) => e.data.message?.content.text === 'second, unassigned'),
    );
    const seenByA = subA.received
      .filter((e) => e.data.conversationUuid === id)
      .map((e) => e.data.type);
    expect(seenByA).not.toContain('conversation:assigned');
    expect(subA.received.map((e) => e.data.message?.content.text)).not.toContain('private to B');
    expect(subStranger.received).toEqual([]);
    await subA.close();
    await subStranger.close();
  });

  it('keeps direct chats between users out of the inbox stream', async () => {
    const { workspace, admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { aiEnabled: false });
    const alice = await makeUser(workspace.id);
    const bob = await makeUser(workspace.id);
    const bystander = subscribeInbox(await tokenFor(await makeUser(workspace.id)));
    await bystander.ready();
    const headers = { 'X-PUBLIC-KEY': bot.publicKey };
    const chat = await api(srv.url, 'POST', '/api/v1/chat/conversations', {
      token: await tokenFor(alice),
      headers,
      body: { participant_uuid: bob.uuid },
    });
    expect(chat.status).toBe(201);
    await api(srv.url, 'POST', `/api/v1/chat/conversations/${chat.body.data.uuid}/messages`, {
      token: await tokenFor(alice),
      headers,
      body: { message: 'private between us' },
    });
    await sendAsCustomer(srv.url, admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
      content: 'a customer',
    });
    await eventually(async () =>
      bystander.received.some((e) => e.data.message?.content.text === 'a customer'),
    );
    expect(bystander.received.some((e) => e.data.conversationUuid === chat.body.data.uuid)).toBe(
      false,
    );
    await bystander.close();
  });

  it("refuses a conversation stream for another workspace's conversation", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const bot = await makeChatbot(b.admin);
    const res = await sendAsCustomer(srv.url, b.admin, {
      chatbotId: bot.id,
      externalUserId: visitor(),
    });
    const { client, trpc } = wsClientFor(await tokenFor(a.admin));
    const error = await new Promise<{ data?: { code?: string } }>((resolve) => {
      trpc.realtime.conversation.subscribe(
        { conversationId: res.body.data.conversation.id, lastEventId: null },
        {
          onError: (e) => resolve(e as never),
          onData: () => resolve({ data: { code: 'GOT_DATA' } }),
        },
      );
    });
    expect(error.data?.code).toBe('NOT_FOUND');
    await client.close();
  });

  it('keeps one abort listener for a stream’s whole life, and ends when aborted', async () => {
    const { workspace } = await makeWorkspace();
    const abort = new AbortController();
    const stream = eventStream({
      scope: { workspaceId: workspace.id },
      accept: () => true,
      signal: abort.signal,
    });
    const seen: number[] = [];
    const consuming = (async () => {
      for await (const e of stream) seen.push(e.id);
    })();
    for (let i = 0; i < 20; i++) {
      const id = await appendEvent(db, { workspaceId: workspace.id, type: 'conversation:updated' });
      await eventually(async () => seen.includes(id));
    }
    expect(seen).toHaveLength(20);
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(1);
    abort.abort();
    await consuming;
    expect(getEventListeners(abort.signal, 'abort')).toHaveLength(0);

    // A consumer that stops without aborting (a closed socket) leaves no listener behind.
    const kept = new AbortController();
    const other = eventStream({
      scope: { workspaceId: workspace.id },
      accept: () => true,
      signal: kept.signal,
    });
    const next = other.next();
    const id = await appendEvent(db, { workspaceId: workspace.id, type: 'conversation:updated' });
    expect((await next).value?.id).toBe(id);
    expect(getEventListeners(kept.signal, 'abort')).toHaveLength(1);
    await other.return(undefined);
    expect(getEventListeners(kept.signal, 'abort')).toHaveLength(0);
  });
});
