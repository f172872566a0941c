import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';

export type ThreadNote = RouterOutputs['notes']['list'][number];

/** The note's text with each @mention of a colleague marked, the rest as typed. */
function withMentions(note: ThreadNote) {
  const names = note.mentions.map((m) => `@${m.name}`).sort((a, b) => b.length - a.length);
  if (names.length === 0) return note.body;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = note.body.split(new RegExp(`(${escaped.join('|')})`, 'gi'));
  // Keyed by where each part starts in the text: stable, and unique.
  let at = 0;
  return parts.map((part, i) => {
    const key = at;
    at += part.length;
    return i % 2 === 1 ? (
      <mark key={key} className="note-mention">
        {part}
      </mark>
    ) : (
      <Fragment key={key}>{part}</Fragment>
    );
  });
}

/** A private note in the thread: the team's only, drawn apart from what the customer sees. */
export function NoteLine({ note }: { note: ThreadNote }) {
  const { t } = useTranslation('inbox');
  return (
    <article className="msg msg-note" data-note-id={note.id} aria-label={t('note.label')}>
      <p className="msg-sender">
        <span className="role-tag role-note">{t('note.tag')}</span>
        {note.author?.name ?? t('note.formerTeammate')}
      </p>
      <div className="bubble">
        <p className="msg-text">{withMentions(note)}</p>
      </div>
      <p className="msg-meta">
        <time dateTime={note.createdAt} title={formatDateTime(note.createdAt)}>
          {formatTime(note.createdAt)}
        </time>
        <span className="muted">{t('note.teamOnly')}</span>
      </p>
    </article>
  );
}
