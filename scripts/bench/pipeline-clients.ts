/**
 * The pipeline benchmark's clients: widget visitors (a session, a conversation, a `/messages`
 * socket subscribed to it) and one agent on the tRPC `realtime.inbox` subscription. Arrival
 * times are recorded by the nonce each message carries in its text; one bot reply may answer
 * several messages (a burst is one turn since issue 19), so it is credited to every nonce in it.
 */
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import type { AppRouter } from '../../server/trpc/root';
import { postJson } from './lib';

const now = () => performance.now();

/** When each message's inbox event and first bot reply arrived, by the nonce in its text. */
export const inboxAt = new Map<string, number>();
export const replyAt = new Map<string, number>();
/** The ids of the bot's reply messages that answered each nonce: more than one is a duplicate. */
export const repliesTo = new Map<string, Set<string>>();
export const noncesOf = (text: unknown) =>
  Array.from(String(text).matchAll(/bench-(\d+)/g), (m) => m[1]!);

/** Nonces among `nonces` that more than one reply message answered. */
export const answeredTwice = (nonces: string[]) =>
  nonces.filter((n) => (repliesTo.get(n)?.size ?? 0) > 1).length;

function creditReply(messageId: string, text: unknown) {
  const at = now();
  for (const nonce of noncesOf(text)) {
    if (!replyAt.has(nonce)) replyAt.set(nonce, at);
    const ids = repliesTo.get(nonce) ?? new Set<string>();
    repliesTo.set(nonce, ids.add(messageId));
  }
}

export interface Visitor {
  externalUserId: string;
  token: string;
  conversation: string;
  ws?: WebSocket;
}

/** A widget visitor: session, conversation (seed 000 find-or-create), socket subscribed to it. */
async function openVisitor(base: string, publicKey: string, botUuid: string, _i: number) {
  // A new visitor: the server issues the id (a bare id is no credential).
  const session = await postJson<{ token: string; externalUserId: string }>(
    `${base}/widget/session`,
    '',
    { publicKey },
  );
  const { externalUserId } = session;
  const conversation = await postJson<{ id: string }>(`${base}/conversations`, session.token, {
    chatbotId: botUuid,
    externalUserId,
    channel: 'WIDGET',
  });
  const ws = new WebSocket(`${base.replace('http', 'ws')}/messages?token=${session.token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { event: string; data: Record<string, unknown> };
      if (frame.event === 'subscribed') resolve();
      // A frame sent again (a catch-up) names the same message id: not a second reply.
      if (frame.event === 'message' && frame.data.role === 'ASSISTANT')
        creditReply(String(frame.data.id), frame.data.content);
    });
    ws.once('open', () =>
      ws.send(JSON.stringify({ event: 'subscribe', data: { conversationId: conversation.id } })),
    );
  });
  return { externalUserId, token: session.token, conversation: conversation.id, ws } as Visitor;
}

/**
 * `count` visitors and one agent watching the inbox, all on the server at `base`. Visitors open
 * a few at a time: hundreds one by one would take longer than some of the runs they serve.
 */
export async function connectClients(
  base: string,
  bot: { publicKey: string; uuid: string },
  agentToken: string,
  count: number,
) {
  const visitors: Visitor[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, k) =>
      openVisitor(base, bot.publicKey, bot.uuid, i + k),
    );
    visitors.push(...(await Promise.all(batch)));
  }
  const wsClient = createWSClient({
    url: `${base.replace('http', 'ws')}/trpc`,
    WebSocket: WebSocket as never,
    connectionParams: { token: agentToken },
  });
  const trpc = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  const subscription = trpc.realtime.inbox.subscribe(
    {},
    {
      onData: ({ data }) => {
        if (data.type !== 'message:created' || data.message?.origin !== 'client') return;
        const [nonce] = noncesOf((data.message.content as { text?: string }).text);
        if (nonce && !inboxAt.has(nonce)) inboxAt.set(nonce, now());
      },
    },
  );
  let open = true;
  return {
    visitors,
    async close() {
      if (!open) return;
      open = false;
      subscription.unsubscribe();
      await wsClient.close();
      for (const v of visitors) v.ws?.close();
    },
  };
}
