import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime, initials } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { AssignMenu } from './assign-menu';
import { ChannelIcon, channelLabel } from './channel-icon';
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
  const { t } = useTranslation('inbox');
  if (c.status === 'ended') {
    return <span className="inbox-pill inbox-pill-ended">{t('header.ended')}</span>;
  }
  if (c.bot) {
    return (
      <span className="inbox-pill inbox-pill-bot">
        {t('header.botAnswering', { bot: c.bot.name })}
      </span>
    );
  }
  if (c.user) {
    return (
      <span className="inbox-pill inbox-pill-user">
        {c.user.id === meId
          ? t('header.assignedToYou')
          : t('header.assignedTo', { name: c.user.name })}
      </span>
    );
  }
  return <span className="inbox-pill inbox-pill-waiting">{t('header.waiting')}</span>;
}

export function ConversationHeader({ c, botName, actions, details }: Props) {
  const { t } = useTranslation('inbox');
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
          <span aria-hidden="true">←</span> {t('header.back')}
          <span className="visually-hidden">{t('header.backRest')}</span>
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
            <span>{channelLabel(c.channel)}</span>
            {c.contact?.phone_number && <span>{c.contact.phone_number}</span>}
            <Handler c={c} meId={me.id} />
            {c.status === 'paused' && <span className="inbox-pill">{t('header.botPaused')}</span>}
            {c.snoozed_until && (
              <span className="inbox-pill">
                {t('header.snoozedUntil', { time: formatDateTime(c.snoozed_until) })}
              </span>
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
          {t('header.details')}
        </button>
      </div>
      {actions.open && (
        <div className="conversation-actions" role="toolbar" aria-label={t('header.actions')}>
          {c.bot ? (
            <button
              type="button"
              className="button button-primary"
              onClick={actions.takeover}
              disabled={actions.busy}
            >
              {t('header.takeOver')}
            </button>
          ) : (
            (mine || c.assigned_user !== null) && (
              <button
                type="button"
                className="button"
                onClick={actions.release}
                disabled={actions.busy}
              >
                {botName ? t('header.releaseToBot') : t('header.release')}
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
            {t('header.markUnread')}
          </button>
          <button
            type="button"
            className="button button-danger-quiet"
            onClick={actions.askEnd}
            disabled={actions.busy}
            aria-keyshortcuts="e"
          >
            {t('header.end')}
          </button>
        </div>
      )}
      {!actions.open && (
        <div className="conversation-actions" role="toolbar" aria-label={t('header.actions')}>
          <button
            type="button"
            className="button button-primary"
            onClick={actions.reopen}
            disabled={actions.busy}
          >
            {t('header.reopen')}
          </button>
        </div>
      )}
      {actions.confirmingEnd && (
        <div
          className="confirm-bar"
          role="alertdialog"
          aria-label={t('header.confirmEndLabel')}
          onKeyDown={(e) => e.key === 'Escape' && actions.cancelEnd()}
        >
          <p>{t('header.confirmEnd')}</p>
          <button
            type="button"
            className="button button-danger"
            onClick={actions.end}
            disabled={actions.busy}
            // biome-ignore lint/a11y/noAutofocus: the confirmation takes focus so Enter confirms
            autoFocus
          >
            {t('header.endConversation')}
          </button>
          <button type="button" className="button" onClick={actions.cancelEnd}>
            {t('header.cancel')}
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
