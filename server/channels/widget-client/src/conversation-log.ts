import { fileOf } from './attachments';
import { type MessageKey, t, when } from './i18n';
import { afterGreeting, look } from './look';
import type { Message } from './message';
import { choiceOf, type Option, optionsFor, settleOptions } from './options';
import { el, ui } from './shell';
import { state } from './state';

let choose: (o: Option) => void = () => {};
/** What pressing a bot's option does (the outbox sends it; wired by main.ts, no cycle). */
export function whenChosen(fn: (o: Option) => void) {
  choose = fn;
}

/** Keeps the log in time order; `at` '' (not sent yet) stays at the end. */
export function place(node: HTMLElement, at: string) {
  node.dataset.at = at;
  const later =
    at && ([...ui.log.children] as HTMLElement[]).find((c) => !c.dataset.at || c.dataset.at > at);
  ui.log.insertBefore(node, later || null);
  ui.log.scrollTop = ui.log.scrollHeight;
}

/** A message's bubble; the visitor's own carry a status line, every stored one its time. */
export function bubble(text: string, mine: boolean, who: string | null, at?: string) {
  const node = el('div', `msg ${mine ? 'me' : 'them'}`, text);
  if (who) node.prepend(el('div', 'who', who));
  const shown = at ? when(at) : '';
  if (mine || shown) {
    const meta = el('div', 'meta');
    if (shown) {
      const time = el('time', '', shown);
      time.dateTime = at ?? '';
      meta.append(time);
    }
    if (mine) meta.append(el('span', 'state'));
    node.appendChild(meta);
  }
  return node;
}

/** The agent who wrote a reply (seed 001 carries it in metadata.sender), for their name line. */
function agentName(m: Message) {
  const name = m.origin === 'operator' ? m.metadata?.sender?.name : null;
  return typeof name === 'string' && name.trim() ? name : null;
}

export function render(m: Message) {
  if (state.seen.has(m.id)) return updateStatus(m.id, m.deliveryStatus);
  state.seen.add(m.id);
  const mine = m.role === 'USER';
  const text = mine || typeof m.content !== 'string' ? m.content : afterGreeting(m.content);
  let node = bubble(text, mine, mine ? null : agentName(m), m.createdAt);
  const file = m.type === 'media' && fileOf(m);
  if (file) node.insertBefore(file, node.querySelector('.who')?.nextSibling ?? node.firstChild);
  const chosen = mine ? choiceOf(m.payload) : null;
  if (chosen) node.dataset.choice = chosen;
  const options = !mine && m.type === 'interactive' && optionsFor(m.payload, choose);
  if (options) {
    // The options go under the bubble, so the item is the bubble and its options together.
    const item = el('div', 'them-item');
    item.append(node, options);
    node = item;
  }
  node.dataset.id = m.id;
  place(node, m.createdAt || '0');
  updateStatus(m.id, m.deliveryStatus);
  settleOptions();
}

const STATUS: Record<string, MessageKey> = { READ: 'status.seen', FAILED: 'status.notDelivered' };

export function updateStatus(id: string, status: string | undefined) {
  const line = ui.root.querySelector(`[data-id="${CSS.escape(id)}"] .meta .state`);
  if (line) line.textContent = t(STATUS[status ?? ''] ?? 'status.sent');
}

/** The greeting, first in a chat nobody has written in yet: shown, never stored. */
export function greet() {
  if (look.greeting && !ui.root.querySelector('[data-id="greeting"]'))
    render({ id: 'greeting', role: 'ASSISTANT', content: look.greeting });
}
