import { greet } from './conversation-log';
import { session } from './http';
import { renderPending } from './outbox';
import { ui } from './shell';
import { catchUp, connect } from './socket';
import { state } from './state';
import { markRead } from './wire';

/**
 * The bubble opens and closes the panel. The first opening greets (a chat nobody wrote in
 * yet) and shows what waits in the outbox; each one catches up and follows the conversation.
 */
export function wirePanel(looked: Promise<void>) {
  ui.bubble.addEventListener('click', () => void toggle(looked));
}

async function toggle(looked: Promise<void>) {
  state.open = !state.open;
  ui.panel.classList.toggle('open', state.open);
  ui.bubble.setAttribute('aria-expanded', String(state.open));
  if (!state.open) return;
  ui.textarea.focus();
  if (!state.started) {
    state.started = true;
    await looked;
    if (!state.conversationId) greet();
    for (const item of state.outbox) renderPending(item);
  }
  await session().catch(() => {});
  await catchUp();
  connect();
  markRead();
}
