import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { contactLabel, visitorLabel } from '../../../../../../shared/contact-label';
import { elapsed, formatDateTime, initials } from '../../../../lib/format';
import { i18n } from '../../../../lib/i18n';
import type { SessionUser } from '../../../../lib/session';
import type { RouterOutputs } from '../../../../lib/trpc';
import { useNow } from '../../../../lib/use-now';
import { ChannelIcon } from './channel-icon';
import { DeliveryTicks } from './delivery-ticks';

export type ConversationRowData = RouterOutputs['conversations']['list']['data'][number];

/**
 * The contact as the console names it, in its language: a web visitor with no name is
 * "Visitor <n>" (shared/contact-label.ts; the list's search also takes the English word).
 */
export function contactName(c: { contact: ConversationRowData['contact'] }): string {
  const contact = c.contact;
  if (!contact) return i18n.t('inbox:contact.unknown');
  const named = contact.name || contact.phone_number;
  if (!named && visitorLabel(contact)) return i18n.t('inbox:contact.visitor', { id: contact.id });
  return contactLabel(contact);
}

function preview(
  c: ConversationRowData,
  me: SessionUser,
  t: TFunction<'inbox'>,
): { who: string; text: string } {
  const m = c.last_message;
  if (!m) return { who: '', text: t('row.noMessages') };
  const text =
    m.message_text || (m.attachments.length > 0 ? t('row.attachment') : t('row.message'));
  if (m.origin === 'bot') return { who: t('row.botPrefix'), text };
  if (m.origin === 'operator') {
    const who =
      m.user?.id === me.id
        ? t('row.youPrefix')
        : t('row.agentPrefix', { name: m.user?.name ?? t('row.agent') });
    return { who, text };
  }
  return { who: '', text };
}

function Owner({ c, me, now }: { c: ConversationRowData; me: SessionUser; now: number }) {
  const { t } = useTranslation('inbox');
  if (c.status === 'ended') return <span className="owner owner-ended">{t('row.ended')}</span>;
  if (c.assigned_bot) return <span className="owner owner-bot">{t('row.bot')}</span>;
  if (c.user) {
    return (
      <span className="owner owner-user">{c.user.id === me.id ? t('row.you') : c.user.name}</span>
    );
  }
  const since = c.waiting_since ?? c.last_activity_at;
  // Under a minute there is no time to say how long ("waiting for now" reads oddly).
  const text =
    now - Date.parse(since) < 60_000
      ? t('row.waitingNow')
      : t('row.waiting', { time: elapsed(since, now) });
  return <span className="owner owner-waiting">{text}</span>;
}

interface Props {
  c: ConversationRowData;
  me: SessionUser;
  selected: boolean;
}

/** One conversation in the list; memoised so a live update re-renders only the rows it changed. */
export const ConversationRow = memo(function ConversationRow({ c, me, selected }: Props) {
  const { t } = useTranslation('inbox');
  const now = useNow(15_000);
  const name = contactName(c);
  const { who, text } = preview(c, me, t);
  const unread = c.my_unread_count;
  return (
    <li>
      <Link
        to="/inbox/$conversationId"
        params={{ conversationId: String(c.id) }}
        search={(prev) => prev}
        className={`conv-row${unread > 0 ? ' conv-unread' : ''}`}
        aria-current={selected ? 'page' : undefined}
        data-conversation-id={c.id}
      >
        <span className="inbox-avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="conv-main">
          <span className="conv-top">
            <ChannelIcon channel={c.channel} />
            <span className="conv-name">{name}</span>
            <time className="conv-time" dateTime={c.last_activity_at}>
              {elapsed(c.last_activity_at, now)}
            </time>
          </span>
          <span className="conv-preview">
            {c.last_message?.direction === 'outbound' && (
              <DeliveryTicks status={c.last_message.status} compact />
            )}
            <span className="conv-who">{who}</span>
            {text}
          </span>
          <span className="conv-meta">
            <Owner c={c} me={me} now={now} />
            {c.status === 'paused' && <span className="status-chip">{t('row.paused')}</span>}
            {c.snoozed_until && (
              <span className="snoozed-chip">
                {t('row.snoozedUntil', { time: formatDateTime(c.snoozed_until) })}
              </span>
            )}
            {c.contact?.tags.slice(0, 2).map((tag) => (
              <span key={tag.id} className="tag-mini">
                <span className="tag-swatch" style={{ background: tag.color ?? undefined }} />
                {tag.name}
              </span>
            ))}
          </span>
        </span>
        {unread > 0 && (
          <span className="unread-badge">
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">{t('row.unread', { count: unread })}</span>
          </span>
        )}
      </Link>
    </li>
  );
});
