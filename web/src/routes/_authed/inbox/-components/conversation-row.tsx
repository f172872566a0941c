import { Link } from '@tanstack/react-router';
import { memo } from 'react';
import { contactLabel } from '../../../../../../shared/contact-label';
import { elapsed, formatDateTime, initials } from '../../../../lib/format';
import type { SessionUser } from '../../../../lib/session';
import type { RouterOutputs } from '../../../../lib/trpc';
import { useNow } from '../../../../lib/use-now';
import { ChannelIcon } from './channel-icon';
import { DeliveryTicks } from './delivery-ticks';

export type ConversationRowData = RouterOutputs['conversations']['list']['data'][number];

/** The contact as the console names it: a web visitor with no name is "Visitor <n>". */
export function contactName(c: { contact: ConversationRowData['contact'] }): string {
  return contactLabel(c.contact);
}

function preview(c: ConversationRowData, me: SessionUser): { who: string; text: string } {
  const m = c.last_message;
  if (!m) return { who: '', text: 'No messages yet' };
  const text = m.message_text || (m.attachments.length > 0 ? 'Attachment' : 'Message');
  if (m.origin === 'bot') return { who: 'Bot: ', text };
  if (m.origin === 'operator') {
    return { who: m.user?.id === me.id ? 'You: ' : `${m.user?.name ?? 'Agent'}: `, text };
  }
  return { who: '', text };
}

function Owner({ c, me, now }: { c: ConversationRowData; me: SessionUser; now: number }) {
  if (c.status === 'ended') return <span className="owner owner-ended">Ended</span>;
  if (c.assigned_bot) return <span className="owner owner-bot">Bot</span>;
  if (c.user) {
    return <span className="owner owner-user">{c.user.id === me.id ? 'You' : c.user.name}</span>;
  }
  const since = c.waiting_since ?? c.last_activity_at;
  return <span className="owner owner-waiting">Waiting {elapsed(since, now)}</span>;
}

interface Props {
  c: ConversationRowData;
  me: SessionUser;
  selected: boolean;
}

/** One conversation in the list; memoised so a live update re-renders only the rows it changed. */
export const ConversationRow = memo(function ConversationRow({ c, me, selected }: Props) {
  const now = useNow(15_000);
  const name = contactName(c);
  const { who, text } = preview(c, me);
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
            {c.status === 'paused' && <span className="status-chip">Paused</span>}
            {c.snoozed_until && (
              <span className="snoozed-chip">Snoozed until {formatDateTime(c.snoozed_until)}</span>
            )}
            {c.contact?.tags.slice(0, 2).map((t) => (
              <span key={t.id} className="tag-mini">
                <span className="tag-swatch" style={{ background: t.color ?? undefined }} />
                {t.name}
              </span>
            ))}
          </span>
        </span>
        {unread > 0 && (
          <span className="unread-badge">
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">{unread} unread</span>
          </span>
        )}
      </Link>
    </li>
  );
});
