import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime, initials } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { AssignMenu } from './assign-menu';
import { CHANNEL_LABEL, ChannelIcon } from './channel-icon';
import { contactName } from './conversation-row';
import { SnoozeMenu } from './snooze-menu';
import type { Conversation, ConversationActions } from './use-conversation-actions';
import type { DetailsPane } from './use-details-pane';
import { useKeys } from './use-shortcuts';

interface Props {
  c: Conversation;
  botName: string | null;
  actions: ConversationActions;
  details: DetailsPane;
}

function Handler({ c, meId }: { c: Conversation; meId: number }) {
  if (c.status === 'ended') return <span className="inbox-pill inbox-pill-ended">Ended</span>;
  if (c.bot) return <span className="inbox-pill inbox-pill-bot">{c.bot.name} is answering</span>;
  if (c.user) {
    const who = c.user.id === meId ? 'you' : c.user.name;
    return <span className="inbox-pill inbox-pill-user">Assigned to {who}</span>;
  }
  return <span className="inbox-pill inbox-pill-waiting">Waiting for an agent</span>;
}

export function ConversationHeader({ c, botName, actions, details }: Props) {
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const name = contactName(c);
  const mine = c.assigned_user === me.id;
  useKeys({
    e: actions.askEnd,
    a: () => actions.open && !mine && actions.assignTo(me.id),
  });

  return (
    <header className="conversation-header">
      <div className="conversation-heading">
        {/* Phones show one pane at a time: this is the way back to the list. */}
        <Link to="/inbox" search={(prev) => prev} className="button button-quiet back-to-list">
          <span aria-hidden="true">←</span> Back
          <span className="visually-hidden"> to the list</span>
        </Link>
        <span className="inbox-avatar inbox-avatar-lg" aria-hidden="true">
          {initials(name)}
        </span>
        <div className="conversation-titles">
          {/* Focusable from script: a phone moves the focus here on opening (inbox-layout.tsx). */}
          <h2 id="conversation-title" tabIndex={-1}>
            {name}
          </h2>
          <p className="conversation-sub">
            <ChannelIcon channel={c.channel} />
            <span>{c.channel ? CHANNEL_LABEL[c.channel] : 'Unknown channel'}</span>
            {c.contact?.phone_number && <span>{c.contact.phone_number}</span>}
            <Handler c={c} meId={me.id} />
            {c.status === 'paused' && <span className="inbox-pill">Bot paused</span>}
            {c.snoozed_until && (
              <span className="inbox-pill">Snoozed until {formatDateTime(c.snoozed_until)}</span>
            )}
          </p>
        </div>
        <button
          type="button"
          className="button button-quiet details-toggle"
          ref={details.opener}
          aria-expanded={details.open}
          onClick={details.open ? details.hide : details.show}
        >
          Details
        </button>
      </div>
      {actions.open && (
        <div className="conversation-actions" role="toolbar" aria-label="Conversation actions">
          {c.bot ? (
            <button
              type="button"
              className="button button-primary"
              onClick={actions.takeover}
              disabled={actions.busy}
            >
              Take over
            </button>
          ) : (
            (mine || c.assigned_user !== null) && (
              <button
                type="button"
                className="button"
                onClick={actions.release}
                disabled={actions.busy}
              >
                {botName ? 'Release to bot' : 'Release'}
              </button>
            )
          )}
          <AssignMenu c={c} me={me} actions={actions} primary={!c.bot && c.user === null} />
          <SnoozeMenu c={c} actions={actions} />
          <button
            type="button"
            className="button button-quiet"
            onClick={actions.markUnread}
            disabled={actions.busy}
          >
            Mark unread
          </button>
          <button
            type="button"
            className="button button-danger-quiet"
            onClick={actions.askEnd}
            disabled={actions.busy}
            aria-keyshortcuts="e"
          >
            End
          </button>
        </div>
      )}
      {!actions.open && (
        <div className="conversation-actions" role="toolbar" aria-label="Conversation actions">
          <button
            type="button"
            className="button button-primary"
            onClick={actions.reopen}
            disabled={actions.busy}
          >
            Reopen
          </button>
        </div>
      )}
      {actions.confirmingEnd && (
        <div
          className="confirm-bar"
          role="alertdialog"
          aria-label="End this conversation?"
          onKeyDown={(e) => e.key === 'Escape' && actions.cancelEnd()}
        >
          <p>End this conversation? The customer's next message will open a new one.</p>
          <button
            type="button"
            className="button button-danger"
            onClick={actions.end}
            disabled={actions.busy}
            // biome-ignore lint/a11y/noAutofocus: the confirmation takes focus so Enter confirms
            autoFocus
          >
            End conversation
          </button>
          <button type="button" className="button" onClick={actions.cancelEnd}>
            Cancel
          </button>
        </div>
      )}
      {actions.error && (
        <p className="form-error conversation-error" role="alert">
          {errorMessage(actions.error)}
        </p>
      )}
    </header>
  );
}
