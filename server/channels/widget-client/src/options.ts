import { t } from './i18n';
import type { Payload, RawOption } from './message';
import { button, el, ui } from './shell';

export interface Option {
  id: string;
  title: string;
  description?: string;
}

const option = (b: RawOption): Option => ({
  id: String(b.reply?.id ?? b.id),
  title: b.reply?.title ?? b.title ?? '',
  description: b.description,
});

/** The option id a customer's message chose (a button_reply / list_reply), if any. */
export function choiceOf(payload: Payload | null | undefined): string | null {
  const reply = payload?.button_reply ?? payload?.list_reply;
  return typeof reply?.id === 'string' ? reply.id : null;
}

function optionButton(o: Option, withDescription: boolean, choose: (o: Option) => void) {
  const btn = button(o.title, 'option');
  btn.dataset.optionId = o.id;
  if (withDescription && o.description) btn.appendChild(el('span', 'desc', o.description));
  btn.onclick = () => choose(o);
  return btn;
}

let listCount = 0;

/** Reply buttons in a row, or a list behind a button that shows its rows (a disclosure). */
export function optionsFor(payload: Payload | null | undefined, choose: (o: Option) => void) {
  const action = payload?.action;
  if (!action) return null;
  const box = el('div', 'options');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', t('options.label'));
  if (payload.type !== 'list' && Array.isArray(action.buttons)) {
    for (const b of action.buttons) box.appendChild(optionButton(option(b), false, choose));
    return box.children.length ? box : null;
  }
  const sections = Array.isArray(action.sections) ? action.sections : [];
  const rowsId = `support-inbox-rows-${++listCount}`;
  const toggle = button(action.button || t('options.list'), 'list-toggle');
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', rowsId);
  const rows = el('div', 'rows');
  rows.id = rowsId;
  rows.hidden = true;
  for (const [i, section] of sections.entries()) {
    const group = el('div');
    group.setAttribute('role', 'group');
    if (section.title) {
      const heading = el('div', 'section', section.title);
      heading.id = `${rowsId}-${i}`;
      group.setAttribute('aria-labelledby', heading.id);
      group.appendChild(heading);
    }
    for (const r of section.rows ?? []) group.appendChild(optionButton(option(r), true, choose));
    rows.appendChild(group);
  }
  const show = (open: boolean) => {
    rows.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) rows.querySelector('button')?.focus();
  };
  toggle.onclick = () => show(rows.hidden !== false);
  rows.addEventListener('keydown', (e) => {
    const all = [...rows.querySelectorAll('button:not(:disabled)')] as HTMLButtonElement[];
    const at = all.indexOf(ui.root.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      show(false);
      toggle.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    }
  });
  box.append(toggle, rows);
  return box;
}

/**
 * Only the latest interactive message's options can be pressed, and only until one of them
 * is (the server takes no other: docs/api.md). Earlier ones stay visible, disabled, with the
 * chosen option marked. Typing instead leaves the options open (the bot may match the text).
 */
export function settleOptions() {
  const items = [...ui.log.children] as HTMLElement[];
  const lastAsked = items.findLastIndex((c) => c.querySelector('.options'));
  for (const [i, c] of items.entries()) {
    const box = c.querySelector('.options');
    if (!box) continue;
    const next = items.findIndex((n, j) => j > i && n.querySelector('.options'));
    const answer = items.slice(i + 1, next === -1 ? undefined : next).find((n) => n.dataset.choice);
    const open = i === lastAsked && !answer;
    for (const b of box.querySelectorAll('button')) {
      b.disabled = !open;
      b.classList.toggle('chosen', !!answer && b.dataset.optionId === answer.dataset.choice);
    }
    if (!open) {
      const rows = box.querySelector<HTMLElement>('.rows');
      if (rows) rows.hidden = true;
      box.querySelector('.list-toggle')?.setAttribute('aria-expanded', 'false');
    }
  }
}
