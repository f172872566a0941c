import { useMutationState } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { Fragment, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { dayLabel } from '../../../../lib/format';
import { type RouterInputs, trpc } from '../../../../lib/trpc';
import { useNow } from '../../../../lib/use-now';
import { ActivityLine, type ThreadActivity } from './activity-line';
import { MessageBubble, PendingBubble, type ThreadMessage } from './message-bubble';
import { NoteLine, type ThreadNote } from './note-line';
import { type ThreadToolCall, ToolCallLine } from './tool-call-line';
import '../../../../styles/knowledge.css';

export interface Typing {
  origin: 'bot' | 'client';
  at: number;
}

/** A typing event that is never followed by "stopped" fades out after this long. */
const TYPING_TTL_MS = 12_000;

interface Props {
  conversationId: number;
  messages: ThreadMessage[];
  /** The bot's custom-tool calls, oldest first: drawn among the messages by time. */
  toolCalls: ThreadToolCall[];
  /** The team's private notes, oldest first: drawn among the messages by time too. */
  notes: ThreadNote[];
  /** Who did what (assignments, takeovers, handoffs, ends), oldest first: by time as well. */
  activity: ThreadActivity[];
  contactName: string;
  botName: string | null;
  typing: Typing | null;
}

function senderName(
  m: ThreadMessage,
  contactName: string,
  botName: string | null,
  t: TFunction<'inbox'>,
) {
  if (m.origin === 'client') return contactName;
  if (m.origin === 'bot') return botName ?? t('message.bot');
  return m.author?.name ?? '';
}

/** Who wrote a message, so consecutive ones by the same hand share one name line. */
const handOf = (m: ThreadMessage) => `${m.origin}:${m.author?.id ?? ''}`;

/** The knowledge articles a bot reply drew from: only the console gets them, never the customer. */
function ReplySources({ m }: { m: ThreadMessage }) {
  const { t } = useTranslation('inbox');
  const sources = 'sources' in m ? m.sources : undefined;
  if (m.origin !== 'bot' || !sources?.length) return null;
  return (
    <p className="msg-sources" role="note" aria-label={t('message.sourcesLabel')}>
      {t('message.sources', { titles: sources.map((s) => s.title).join(' · ') })}
    </p>
  );
}

type Activity =
  | { kind: 'tool'; key: string; createdAt: string; call: ThreadToolCall }
  | { kind: 'note'; key: string; createdAt: string; note: ThreadNote }
  | { kind: 'activity'; key: string; createdAt: string; activity: ThreadActivity };
type Entry = { kind: 'message'; key: string; createdAt: string; m: ThreadMessage } | Activity;

/**
 * Messages, tool calls, notes and who-did-what in one order, each list's own kept. A reply's
 * calls were made before it and saved in its statement, at the same time: at equal times the
 * activity comes first (a takeover by replying, too, is saved with the reply it came with).
 */
function timeline(
  messages: ThreadMessage[],
  calls: ThreadToolCall[],
  notes: ThreadNote[],
  activity: ThreadActivity[],
): Entry[] {
  const activities: Activity[] = [
    ...calls.map((call) => ({
      kind: 'tool' as const,
      key: `tool-${call.id}`,
      createdAt: call.createdAt,
      call,
    })),
    ...notes.map((note) => ({
      kind: 'note' as const,
      key: `note-${note.id}`,
      createdAt: note.createdAt,
      note,
    })),
    ...activity.map((a) => ({
      kind: 'activity' as const,
      key: `activity-${a.id}`,
      createdAt: a.createdAt,
      activity: a,
    })),
  ].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const entries: Entry[] = [];
  let next = 0;
  const activitiesUntil = (at: number) => {
    while (next < activities.length && Date.parse(activities[next]!.createdAt) <= at)
      entries.push(activities[next++]!);
  };
  for (const m of messages) {
    activitiesUntil(Date.parse(m.createdAt));
    entries.push({ kind: 'message', key: m.id, createdAt: m.createdAt, m });
  }
  activitiesUntil(Number.POSITIVE_INFINITY);
  return entries;
}

export function MessageList({
  conversationId,
  messages,
  toolCalls,
  notes,
  activity,
  contactName,
  botName,
  typing,
}: Props) {
  const { t } = useTranslation('inbox');
  const now = useNow(1_000);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const pending = useMutationState({
    filters: { mutationKey: trpc.conversations.sendMessage.mutationKey(), status: 'pending' },
    select: (m) => m.state.variables as RouterInputs['conversations']['sendMessage'] | undefined,
  }).filter((v) => v?.conversationId === conversationId);
  const showTyping = typing !== null && now - typing.at < TYPING_TTL_MS;
  const entries = timeline(messages, toolCalls, notes, activity);

  // Follow the conversation while the agent is at the bottom; leave them be if they scrolled up.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the content grows
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [
    messages.length,
    toolCalls.length,
    notes.length,
    activity.length,
    pending.length,
    showTyping,
  ]);

  return (
    <div
      className="thread"
      ref={scroller}
      role="log"
      aria-label={t('message.threadLabel')}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      {messages.length === 0 && <p className="thread-empty">{t('message.empty')}</p>}
      {entries.map((entry, i) => {
        const prev = entries[i - 1];
        const day = dayLabel(entry.createdAt, now);
        const newDay = !prev || dayLabel(prev.createdAt, now) !== day;
        return (
          <Fragment key={entry.key}>
            {newDay && (
              <p className="day-sep">
                <span>{day}</span>
              </p>
            )}
            {entry.kind === 'tool' ? (
              <ToolCallLine call={entry.call} />
            ) : entry.kind === 'note' ? (
              <NoteLine note={entry.note} />
            ) : entry.kind === 'activity' ? (
              <ActivityLine activity={entry.activity} />
            ) : (
              <>
                <MessageBubble
                  m={entry.m}
                  sender={
                    !newDay && prev?.kind === 'message' && handOf(prev.m) === handOf(entry.m)
                      ? null
                      : senderName(entry.m, contactName, botName, t)
                  }
                />
                <ReplySources m={entry.m} />
              </>
            )}
          </Fragment>
        );
      })}
      {pending.map((v, i) => (
        <PendingBubble key={v?.idempotencyKey ?? i} text={String(v?.message.content.text ?? '')} />
      ))}
      {showTyping && (
        <p className="typing" aria-live="polite">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {t('message.typing', {
            name: typing.origin === 'bot' ? (botName ?? t('message.theBot')) : contactName,
          })}
        </p>
      )}
    </div>
  );
}
