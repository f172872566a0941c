import { useMutationState } from '@tanstack/react-query';
import { Fragment, useLayoutEffect, useRef } from 'react';
import { dayLabel } from '../../../../lib/format';
import { type RouterInputs, trpc } from '../../../../lib/trpc';
import { useNow } from '../../../../lib/use-now';
import { MessageBubble, PendingBubble, type ThreadMessage } from './message-bubble';
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
  contactName: string;
  botName: string | null;
  typing: Typing | null;
}

function senderName(m: ThreadMessage, contactName: string, botName: string | null) {
  if (m.origin === 'client') return contactName;
  if (m.origin === 'bot') return botName ?? 'Bot';
  // The thread does not say which agent wrote a message: the role tag alone says it.
  return '';
}

/** The knowledge articles a bot reply drew from: only the console gets them, never the customer. */
function ReplySources({ m }: { m: ThreadMessage }) {
  const sources = 'sources' in m ? m.sources : undefined;
  if (m.origin !== 'bot' || !sources?.length) return null;
  return (
    <p className="msg-sources" role="note" aria-label="Sources of this reply">
      Sources: {sources.map((s) => s.title).join(' · ')}
    </p>
  );
}

export function MessageList({ conversationId, messages, contactName, botName, typing }: Props) {
  const now = useNow(1_000);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const pending = useMutationState({
    filters: { mutationKey: trpc.conversations.sendMessage.mutationKey(), status: 'pending' },
    select: (m) => m.state.variables as RouterInputs['conversations']['sendMessage'] | undefined,
  }).filter((v) => v?.conversationId === conversationId);
  const showTyping = typing !== null && now - typing.at < TYPING_TTL_MS;

  // Follow the conversation while the agent is at the bottom; leave them be if they scrolled up.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the content grows
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length, showTyping]);

  return (
    <div
      className="thread"
      ref={scroller}
      role="log"
      aria-label="Messages"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      {messages.length === 0 && <p className="thread-empty">No messages yet.</p>}
      {messages.map((m, i) => {
        const prev = messages[i - 1];
        const day = dayLabel(m.createdAt, now);
        const newDay = !prev || dayLabel(prev.createdAt, now) !== day;
        const sameSender = prev && !newDay && prev.origin === m.origin;
        return (
          <Fragment key={m.id}>
            {newDay && (
              <p className="day-sep">
                <span>{day}</span>
              </p>
            )}
            <MessageBubble m={m} sender={sameSender ? null : senderName(m, contactName, botName)} />
            <ReplySources m={m} />
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
          {typing.origin === 'bot' ? (botName ?? 'The bot') : contactName} is typing…
        </p>
      )}
    </div>
  );
}
