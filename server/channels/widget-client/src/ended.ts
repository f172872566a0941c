import { greet } from './conversation-log';
import { api } from './http';
import { t } from './i18n';
import { button, el, ui } from './shell';
import { save, state } from './state';
import { offerSurvey } from './survey';
import { showTyping } from './typing';
import { frame } from './wire';

/** The latest time in the log: the notice goes after what was said, before what comes next. */
const latestAt = () =>
  ([...ui.log.children] as HTMLElement[]).reduce(
    (latest, c) => (c.dataset.at && c.dataset.at > latest ? c.dataset.at : latest),
    '0',
  );

/** The conversation ended: say so in the log, with its survey and a way to start again. */
export function showEnded(conversationId: string) {
  if (conversationId !== state.conversationId || state.ended === conversationId) return;
  state.ended = conversationId;
  showTyping({ isTyping: false });
  const box = el('div', 'ended');
  box.dataset.ended = conversationId;
  const text = el('span', '', t('ended.notice'));
  text.setAttribute('role', 'status');
  const again = button(t('ended.again'), 'again');
  again.onclick = startAgain;
  box.append(text, again);
  const at = latestAt();
  box.dataset.at = at;
  const later = ([...ui.log.children] as HTMLElement[]).find(
    (c) => !c.dataset.at || c.dataset.at > at,
  );
  ui.log.insertBefore(box, later ?? null);
  ui.log.scrollTop = ui.log.scrollHeight;
  void offerSurvey(conversationId, box, again);
}

/** Reopened by an agent: the chat goes on here, the notice (and its survey) go. */
export function reopened(conversationId: string) {
  if (state.ended !== conversationId) return;
  state.ended = null;
  ui.root.querySelector(`[data-ended="${CSS.escape(conversationId)}"]`)?.remove();
}

/**
 * A fresh chat: the log empties and greets again; the next message opens the new
 * conversation (POST /messages/send without an id), so no empty one waits in the inbox.
 */
export function startAgain() {
  const previous = state.conversationId;
  if (previous) frame('unsubscribe', { conversationId: previous });
  state.conversationId = null;
  state.ended = null;
  save();
  for (const c of [...ui.log.children] as HTMLElement[]) if (!c.dataset.key) c.remove();
  state.seen.clear();
  greet();
  ui.textarea.focus();
}

interface Conversations {
  data?: { id: string; status: string }[];
}

/** Whether the conversation followed ended while nobody watched (the list has its status). */
export async function checkEnded(conversationId: string) {
  const list = await api<Conversations>('GET', '/conversations?limit=50').catch(() => null);
  const c = list?.data?.find((x) => x.id === conversationId);
  if (c?.status === 'CLOSED') showEnded(conversationId);
}
