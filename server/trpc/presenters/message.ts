import { iso } from '../../contracts/common/json-fields';
import type { Message } from '../../db/schema';
import { mediaLinkOf, type SignedLink } from '../../services/files/signed-links';

/**
 * A message as the console shows it in a thread (the thread query and live events alike): the
 * content object as stored, who wrote it, and its delivery timestamps. It gives the same JSON
 * as the bot inbox's presenter today, but it is the agents' view, not a customer-facing
 * contract: what only agents may see (authors, private notes) is added here and never there.
 */
/** A source as the save stores it (server/services/bot-turns/save.ts); anything else is dropped. */
interface MessageSource {
  articleId: number;
  articleUuid: string;
  title: string;
}

const isSource = (s: unknown): s is MessageSource =>
  typeof s === 'object' &&
  s !== null &&
  typeof (s as MessageSource).articleUuid === 'string' &&
  typeof (s as MessageSource).title === 'string';

/** The knowledge articles a bot reply was drawn from: agents see them, customers never do. */
function sourcesOf(m: Message): MessageSource[] {
  const raw = m.origin === 'bot' ? m.metadata?.sources : undefined;
  return Array.isArray(raw)
    ? raw
        .filter(isSource)
        .map((s) => ({ articleId: s.articleId, articleUuid: s.articleUuid, title: s.title }))
    : [];
}

/** An operator message's author, as the send recorded it (operator-message.ts). */
function authorOf(m: Message): { id: string; name: string } | null {
  const s = m.origin === 'operator' ? m.metadata?.sender : undefined;
  if (typeof s !== 'object' || s === null) return null;
  const { id, name } = s as Record<string, unknown>;
  return typeof id === 'string' && typeof name === 'string' ? { id, name } : null;
}

interface ConsoleAttachment extends SignedLink {
  id: string;
  contentType: string;
  byteSize: number;
  fileName: string;
}

/**
 * A media message's file with a fresh signed link: an agent's or a widget visitor's, whose
 * content our sends wrote from a claimed attachment of this conversation (mediaLinkOf). The
 * thread and the events are read only by those who may see the conversation, so that is who
 * gets the link.
 */
function attachmentOf(m: Message): ConsoleAttachment | undefined {
  const link = mediaLinkOf(m);
  if (!link) return undefined;
  const { attachmentId, contentType, byteSize, fileName } = m.content;
  return {
    id: String(attachmentId),
    contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
    byteSize: typeof byteSize === 'number' ? byteSize : 0,
    fileName: typeof fileName === 'string' ? fileName : 'file',
    ...link,
  };
}

export function consoleMessage(m: Message) {
  const sources = sourcesOf(m);
  const attachment = attachmentOf(m);
  return {
    id: m.uuid,
    waMessageId: m.externalId,
    direction: m.direction,
    origin: m.origin,
    type: m.type,
    content: m.content,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    readAt: iso(m.readAt),
    ...(m.status === 'failed' ? { error: { code: m.errorCode, title: m.errorTitle } } : {}),
    ...(sources.length > 0 ? { sources } : {}),
    ...(attachment ? { attachment } : {}),
    author: authorOf(m),
  };
}

/** What the composer gets back for a message it sent: the queued message without its content. */
export function consoleSentMessage(m: Message) {
  return {
    id: m.uuid,
    waMessageId: m.externalId,
    direction: m.direction,
    origin: m.origin,
    type: m.type,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    author: authorOf(m),
  };
}
