import { render, updateStatus } from './conversation-log';
import { embed } from './embed';
import { checkEnded, reopened, showEnded } from './ended';
import { api, session, statusOf } from './http';
import type { Message } from './message';
import { ui } from './shell';
import { backoff, save, state } from './state';
import { showTyping } from './typing';
import { frame, markRead } from './wire';

let onOpen = () => {};
/** What to do each time the socket opens (the outbox flushes: wired by main.ts, no cycle). */
export function whenConnected(fn: () => void) {
  onOpen = fn;
}

/** After an end, the next message opens a new conversation: follow it on the open socket. */
export function follow(conversationId: string) {
  if (state.conversationId === conversationId) return connect();
  const previous = state.conversationId;
  state.conversationId = conversationId;
  state.ended = null;
  save();
  // Written on after the end: the notice stays as a divider, its button has done its work.
  for (const b of ui.root.querySelectorAll('.ended .again')) b.remove();
  if (state.ws?.readyState !== WebSocket.OPEN) return connect();
  if (previous) frame('unsubscribe', { conversationId: previous });
  frame('subscribe', { conversationId });
}

interface Page {
  data: Message[];
}

/** Whatever the log lacks of a conversation (all of it at first, else what came since). */
export async function catchUp(conversationId = state.conversationId) {
  const limit = 100;
  while (conversationId) {
    const done = state.synced[conversationId] || 0;
    const page = Math.floor(done / limit) + 1;
    const res = await api<Page>(
      'GET',
      `/messages/conversation/${conversationId}?limit=${limit}&page=${page}`,
    ).catch((err) => {
      // Not ours any more (a deleted conversation, another visitor): start afresh.
      if (statusOf(err) === 404 && state.conversationId === conversationId) {
        state.conversationId = null;
        save();
      }
      return null;
    });
    if (!res) return;
    for (const m of res.data) render(m);
    state.synced[conversationId] = Math.max(done, (page - 1) * limit + res.data.length);
    if (res.data.length < limit) break;
  }
  if (state.open) markRead();
}

interface Frame {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: each event has its own shape, read below
  data: any;
}

function onFrame({ event, data }: Frame) {
  // Subscribed (again): fetch what was said while the socket was down.
  if (event === 'subscribed') {
    void catchUp(data.conversationId);
    void checkEnded(data.conversationId);
  } else if (event === 'message') {
    if (data.role !== 'USER') showTyping({ isTyping: false });
    render(data);
    if (data.role !== 'USER' && state.open) markRead();
  } else if (event === 'message:status') updateStatus(data.messageId, data.status);
  else if (event === 'typing') showTyping(data);
  else if (event === 'conversation:status') {
    if (data.status === 'CLOSED') showEnded(data.conversationId);
    // Reopened by an agent: the chat goes on here.
    else reopened(data.conversationId);
  }
}

export function connect() {
  if (!state.conversationId || !state.token || state.ws) return;
  const url = `${embed.server.replace(/^http/, 'ws')}/messages?token=${encodeURIComponent(state.token)}`;
  const ws = new WebSocket(url);
  let opened = false;
  state.ws = ws;
  ws.onopen = () => {
    opened = true;
    state.retry = 0;
    frame('subscribe', { conversationId: state.conversationId });
    onOpen();
  };
  ws.onmessage = (e) => onFrame(JSON.parse(e.data));
  ws.onclose = (e) => {
    state.ws = null;
    // Refused before it opened, or closed for its session (4401): open a new session first.
    reconnectLater(!opened || e.code === 4401);
  };
}

function reconnectLater(renew: boolean) {
  setTimeout(
    () => session(renew).then(connect, () => reconnectLater(renew)),
    backoff(state.retry++),
  );
}
