import { embed } from './embed';
import { api } from './http';
import { fileSize, t } from './i18n';
import type { Message } from './message';
import { el } from './shell';

/**
 * A media message's file, through the signed link its payload carries: an image inline, any
 * other file as a card (name, size) that opens it. A link lasts minutes; a card clicked after
 * its link expired asks for the message again, which carries a fresh one.
 */
export function fileOf(m: Message): HTMLElement | null {
  const p = m.payload;
  if (!p?.url) return null;
  const name = String(p.fileName || t('files.unnamed'));
  if (String(p.contentType).startsWith('image/')) {
    const img = el('img');
    img.src = embed.server + p.url;
    img.alt = name;
    return img;
  }
  const a = el('a', 'file');
  a.href = embed.server + p.url;
  a.target = '_blank';
  a.rel = 'noopener';
  a.append(
    el('b', '', name),
    el('span', '', t('files.card', { size: fileSize(Number(p.byteSize) || 0) })),
  );
  let expiresAt = p.expiresAt;
  a.onclick = async (e) => {
    if (expiresAt && new Date(expiresAt) > new Date(Date.now() + 5000)) return;
    e.preventDefault();
    const fresh = await api<Message>('GET', `/messages/${m.id}`).catch(() => null);
    if (!fresh?.payload?.url) return;
    a.href = embed.server + fresh.payload.url;
    expiresAt = fresh.payload.expiresAt;
    window.open(a.href, '_blank', 'noopener');
  };
  return a;
}
