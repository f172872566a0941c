import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { type ErrorComponentProps, Link } from '@tanstack/react-router';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { trpc } from '../../../../lib/trpc';
import { useNow } from '../../../../lib/use-now';
import { isWhatsApp } from './channel-icon';
import { Composer } from './composer';
import { ConversationHeader } from './conversation-header';
import { contactName } from './conversation-row';
import { MessageList, type Typing } from './message-list';
import { SidePanel } from './side-panel';
import { useConversationActions } from './use-conversation-actions';
import { useConversationStream } from './use-conversation-stream';
import { useDetailsPane } from './use-details-pane';
import { useMarkRead } from './use-mark-read';
import { useReadMentions } from './use-read-mentions';
import { WindowBanner } from './window-banner';

const NO_CALLS: never[] = [];
const NO_NOTES: never[] = [];
const NO_ACTIVITY: never[] = [];

export function ConversationScreen({ id }: { id: number | string }) {
  const { t } = useTranslation('inbox');
  const input = { conversationId: id };
  const get = useSuspenseQuery(trpc.conversations.get.queryOptions(input));
  const { data: thread } = useSuspenseQuery(trpc.conversations.thread.queryOptions(input));
  // Not suspended on: the messages need not wait for the bot's tool calls to be read.
  const toolCalls = useQuery(trpc.botTools.calls.queryOptions(input));
  const notes = useQuery(trpc.notes.list.queryOptions(input));
  const activity = useQuery(trpc.timeline.list.queryOptions(input));
  // A refetch that says the conversation is gone (deleted, or now another agent's) must not
  // leave its last copy on screen as if nothing happened.
  if (isGone(get.error)) throw get.error;
  const c = get.data;
  const [typing, setTyping] = useState<Typing | null>(null);
  const markRead = useMarkRead(c.id);
  const onTyping = useCallback((t: Typing | null) => setTyping(t), []);
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  useConversationStream(id, { meId: me.id, onTyping, onNew: markRead.again });
  useReadMentions(
    c.id,
    (notes.data ?? NO_NOTES).filter((n) => n.mentions.some((m) => m.id === me.id)).length,
  );
  const actions = useConversationActions(c, markRead.pause);
  const now = useNow(1_000);
  const details = useDetailsPane();

  const windowClosed =
    isWhatsApp(c.channel) && (!c.csw_expires_at || Date.parse(c.csw_expires_at) <= now);
  const locked =
    c.status === 'ended'
      ? t('composer.ended')
      : windowClosed
        ? '' // the window banner above says why
        : null;

  return (
    <>
      <section className="conversation" aria-labelledby="conversation-title">
        <ConversationHeader c={c} botName={thread.botName} actions={actions} details={details} />
        {isWhatsApp(c.channel) && c.status !== 'ended' && (
          <WindowBanner expiresAt={c.csw_expires_at} now={now} />
        )}
        <MessageList
          conversationId={c.id}
          messages={thread.messages}
          toolCalls={toolCalls.data ?? NO_CALLS}
          notes={notes.data ?? NO_NOTES}
          activity={activity.data ?? NO_ACTIVITY}
          contactName={contactName(c)}
          botName={thread.botName}
          typing={typing}
        />
        <Composer conversationId={c.id} locked={locked} meId={me.id} />
      </section>
      <SidePanel c={c} details={details} />
    </>
  );
}

function isGone(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return code === 'FORBIDDEN' || code === 'NOT_FOUND';
}

/** A conversation that cannot be shown (gone, or now another agent's) explains itself in place. */
export function ConversationError({ error }: ErrorComponentProps) {
  const { t } = useTranslation('inbox');
  return (
    <section className="inbox-placeholder" role="alert">
      <p className="inbox-placeholder-title">{t('screen.unavailable')}</p>
      <p>{errorMessage(error)}</p>
      <Link to="/inbox" search={(prev) => prev} className="button">
        {t('screen.back')}
      </Link>
    </section>
  );
}
