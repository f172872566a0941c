import { bubble, place, render } from './conversation-log';
import { api, session, statusOf } from './http';
import { t } from './i18n';
import type { Message } from './message';
import { settleOptions } from './options';
import { button, ui } from './shell';
import { follow } from './socket';
import { backoff, newKey, type Pending, save, state } from './state';

const pendingNode = (key: string) => ui.root.querySelector<HTMLElement>(`[data-key="${key}"]`);

/** A message of the outbox: "Sending…", or "Not sent — retry" once an attempt failed. */
export function renderPending(item: Pending) {
  let node = pendingNode(item.key);
  if (!node) {
    node = bubble(item.text, true, null);
    node.dataset.key = item.key;
    if (item.choiceId) node.dataset.choice = item.choiceId;
    place(node, '');
    settleOptions();
  }
  const line = node.querySelector('.state');
  if (!line) return;
  if (!item.failed) {
    line.textContent = t('status.sending');
    return;
  }
  const retry = button(t('status.retry'), 'retry');
  retry.onclick = () => {
    Object.assign(item, { held: false, failed: false });
    renderPending(item);
    void flush();
  };
  line.replaceChildren(retry);
}

/** Queues a message; `choiceId` is the option pressed (the text is its title). */
export function send(text: string, metadata: Record<string, unknown> = {}, choiceId?: string) {
  const item: Pending = { key: newKey(), text, metadata, ...(choiceId ? { choiceId } : {}) };
  state.outbox.push(item);
  save();
  renderPending(item);
  void flush();
}

/**
 * Sends the outbox in order, each message with its own Idempotency-Key (a retry of one the
 * server did accept is answered, not written again). A refusal (4xx) holds that message until
 * its retry is clicked; anything else (offline, 5xx) stops here and tries again later, and
 * when the browser is online again or the socket reconnects.
 */
export async function flush() {
  if (state.sending) return;
  state.sending = true;
  clearTimeout(state.sendTimer);
  try {
    for (;;) {
      const item = state.outbox.find((i) => !i.held);
      if (!item) return;
      try {
        await deliver(item);
        state.sendRetry = 0;
      } catch (err) {
        const status = statusOf(err);
        item.failed = true;
        item.held = status >= 400 && status < 500 && status !== 408 && status !== 429;
        save();
        renderPending(item);
        // A refused choice (not offered any more) answers nothing: the options stay open.
        if (item.held && item.choiceId) {
          const node = pendingNode(item.key);
          if (node) delete node.dataset.choice;
          settleOptions();
        }
        if (!item.held) {
          state.sendTimer = setTimeout(flush, backoff(state.sendRetry++));
          return;
        }
      }
    }
  } finally {
    state.sending = false;
  }
}

interface Accepted {
  data: { message: Message; conversation: { id: string } };
}

async function deliver(item: Pending) {
  await session();
  const body: Record<string, unknown> = {
    chatbotId: state.chatbotId,
    externalUserId: state.externalUserId,
    content: item.text,
    channel: 'WIDGET',
    metadata: item.metadata,
  };
  if (state.conversationId) body.conversationId = state.conversationId;
  if (item.choiceId) body.choiceId = item.choiceId;
  const res = await api<Accepted>('POST', '/messages/send', body, { 'Idempotency-Key': item.key });
  state.outbox = state.outbox.filter((i) => i.key !== item.key);
  save();
  pendingNode(item.key)?.remove();
  render(res.data.message);
  settleOptions();
  follow(res.data.conversation.id);
}
