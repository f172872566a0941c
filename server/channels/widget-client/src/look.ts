import { embed } from './embed';
import { t } from './i18n';
import { ui } from './shell';

/** What GET /widget/config says of the chatbot. */
interface Settings {
  name?: string;
  greeting?: string | null;
  color?: string;
  title?: string;
  position?: string;
}

/** The chatbot's title when nobody set one: the widget's own words, said in the visitor's. */
const STOCK_TITLE = 'Chat with us';

export const look = {
  name: '',
  greeting: null as string | null,
  color: '#2563eb',
  position: 'bottom-right',
};

/** Only a hex colour reaches the CSS (the settings are validated so; a page's attribute too). */
const hex = (c: unknown) => (typeof c === 'string' && /^#[0-9a-fA-F]{6}$/.test(c) ? c : null);

/** The chatbot's look and greeting, then the page's own attributes over them. */
function applyLook(settings: Settings) {
  const d = embed.data;
  look.name = settings.name ?? '';
  look.color = hex(d.color) || hex(settings.color) || look.color;
  look.greeting = d.greeting || settings.greeting || null;
  look.position =
    d.position === 'left' || (d.position !== 'right' && settings.position === 'bottom-left')
      ? 'bottom-left'
      : 'bottom-right';
  ui.host.style.setProperty('--accent', look.color);
  ui.host.classList.toggle('left', look.position === 'bottom-left');
  ui.header.textContent =
    settings.title && settings.title !== STOCK_TITLE ? settings.title : t('panel.title');
}

async function loadLook(): Promise<Settings> {
  const res = await fetch(
    `${embed.server}/widget/config?publicKey=${encodeURIComponent(embed.publicKey)}`,
  );
  if (!res.ok) throw new Error(`GET /widget/config: ${res.status}`);
  return res.json();
}

/** Resolves once the widget shows, in the chatbot's look (or its defaults, offline). */
export function showInLook(): Promise<void> {
  return loadLook()
    .catch(() => ({}))
    .then((settings) => {
      applyLook(settings);
      ui.host.style.visibility = '';
    });
}

/**
 * A bot's first answer opens with the greeting on channels that never showed it; here the
 * greeting is already the first bubble, so the answer is shown from what follows it.
 */
export function afterGreeting(text: string): string {
  const g = look.greeting;
  const shown = ui.root.querySelector('[data-id="greeting"]');
  return shown && g && text.startsWith(`${g}\n\n`) ? text.slice(g.length + 2) : text;
}
