import { send } from './outbox';
import { ui } from './shell';
import { attach } from './upload';

/** The composer: Enter sends (Shift+Enter a new line), the paperclip attaches a file. */
export function wireComposer() {
  ui.attach.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    const file = ui.fileInput.files?.[0];
    ui.fileInput.value = '';
    if (file) void attach(file);
  });
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = ui.textarea.value.trim();
    if (!text) return;
    ui.textarea.value = '';
    send(text);
  });
  ui.textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      ui.form.requestSubmit();
    }
  });
}
