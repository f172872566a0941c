import { t } from './i18n';
import { look } from './look';
import { ui } from './shell';
import { state } from './state';

export interface TypingFrame {
  isTyping?: boolean;
  name?: unknown;
}

/** "<name> is typing…" until the message comes, "stopped" is said, or it goes quiet (8 s). */
export function showTyping(data: TypingFrame) {
  clearTimeout(state.typingTimer);
  const who = typeof data.name === 'string' && data.name ? data.name : look.name;
  ui.typing.textContent = !data.isTyping
    ? ''
    : who
      ? t('typing.named', { name: who })
      : t('typing.someone');
  if (data.isTyping) state.typingTimer = setTimeout(() => showTyping({ isTyping: false }), 8000);
}
