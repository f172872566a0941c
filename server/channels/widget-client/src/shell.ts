import { language, t } from './i18n';
import { styles } from './styles';

/** The widget's elements: a host on the page and, in its shadow root, bubble and panel. */
export interface Shell {
  host: HTMLDivElement;
  root: ShadowRoot;
  bubble: HTMLButtonElement;
  panel: HTMLElement;
  header: HTMLElement;
  log: HTMLDivElement;
  typing: HTMLDivElement;
  notice: HTMLDivElement;
  form: HTMLFormElement;
  attach: HTMLButtonElement;
  fileInput: HTMLInputElement;
  textarea: HTMLTextAreaElement;
}

export const ui = {} as Shell;

const PAPERCLIP =
  '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9"/></svg>';
const SPEECH =
  '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

/** An element with a class and text; the text through textContent, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** A button that is not a form's submit button. */
export function button(text: string, className = '', label = ''): HTMLButtonElement {
  const b = el('button', className, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  return b;
}

/**
 * Draws the widget, hidden until the chatbot's look is known (so the bubble never changes
 * colour or corner in front of the visitor). Its `lang` is the visitor's language, which the
 * shadow tree inherits (screen readers pronounce it so).
 */
export function mount(): Shell {
  const host = el('div');
  host.id = 'support-inbox-widget';
  host.lang = language;
  host.style.visibility = 'hidden';
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', '', styles);

  const bubble = button('', 'bubble', t('bubble.open'));
  bubble.setAttribute('aria-expanded', 'false');
  bubble.innerHTML = SPEECH;

  const panel = el('section', 'panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', t('panel.label'));
  const header = el('header', '', t('panel.title'));
  const log = el('div', 'log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-label', t('panel.log'));
  const typing = el('div', 'typing');
  typing.setAttribute('aria-live', 'polite');
  const notice = el('div', 'notice');
  notice.setAttribute('role', 'status');
  notice.setAttribute('aria-live', 'polite');

  const form = el('form', 'composer');
  const attach = button('', 'attach', t('composer.attach'));
  attach.innerHTML = PAPERCLIP;
  const fileInput = el('input');
  fileInput.type = 'file';
  fileInput.hidden = true;
  fileInput.accept = 'image/*,application/pdf,audio/*,video/*';
  fileInput.setAttribute('aria-label', t('composer.file'));
  const textarea = el('textarea');
  textarea.setAttribute('aria-label', t('composer.message'));
  textarea.placeholder = t('composer.placeholder');
  textarea.maxLength = 4096;
  const send = el('button', '', t('composer.send'));
  send.type = 'submit';
  form.append(attach, fileInput, textarea, send);

  panel.append(header, log, typing, notice, form);
  root.append(style, bubble, panel);
  document.body.appendChild(host);
  return Object.assign(ui, {
    host,
    root,
    bubble,
    panel,
    header,
    log,
    typing,
    notice,
    form,
    attach,
    fileInput,
    textarea,
  });
}

/** Progress is a status; a refusal interrupts (an alert), so the visitor hears why. */
export function notify(text: string, busy = false) {
  ui.notice.textContent = text;
  ui.notice.classList.toggle('busy', busy);
  ui.notice.setAttribute('role', busy ? 'status' : 'alert');
}
