import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMenuButton } from '../../../../components/use-menu-button';
import { formatDateTime } from '../../../../lib/format';
import { localInputValue, MAX_SNOOZE_DAYS, snoozePresets } from './snooze-times';
import type { Conversation, ConversationActions } from './use-conversation-actions';

interface Props {
  c: Conversation;
  actions: ConversationActions;
}

/**
 * "Snooze" opens a menu of presets and a custom date-time; a snoozed conversation shows
 * "Unsnooze" instead, with the time it comes back.
 */
export function SnoozeMenu({ c, actions }: Props) {
  const { t } = useTranslation('inbox');
  const menu = useMenuButton();
  const { open, menuId, root, close, onKeyDown } = menu;
  const [custom, setCustom] = useState('');
  if (c.snoozed_until) {
    return (
      <button
        type="button"
        className="button"
        onClick={actions.unsnooze}
        disabled={actions.busy}
        title={t('snooze.until', { time: formatDateTime(c.snoozed_until) })}
      >
        {t('snooze.unsnooze')}
      </button>
    );
  }

  const pick = (until: Date) => {
    close();
    actions.snooze(until);
  };
  const submitCustom = (e: FormEvent) => {
    e.preventDefault();
    const until = new Date(custom);
    if (!Number.isNaN(until.getTime())) pick(until);
  };

  const now = new Date();
  return (
    <div className="inbox-menu-root" ref={root}>
      <button type="button" className="button" {...menu.buttonProps} disabled={actions.busy}>
        {t('snooze.button')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          className="inbox-menu"
          role="menu"
          id={menuId}
          aria-label={t('snooze.menu')}
          onKeyDown={onKeyDown}
        >
          {snoozePresets(now).map((p) => (
            <button key={p.label} type="button" role="menuitem" onClick={() => pick(p.until)}>
              {t(p.label)}
              <span className="inbox-menu-hint">{formatDateTime(p.until.toISOString())}</span>
            </button>
          ))}
          <hr className="inbox-menu-divider" />
          <form className="snooze-custom" onSubmit={submitCustom}>
            <label htmlFor={`${menuId}-custom`}>{t('snooze.custom')}</label>
            <input
              id={`${menuId}-custom`}
              type="datetime-local"
              value={custom}
              min={localInputValue(now)}
              max={localInputValue(new Date(now.getTime() + MAX_SNOOZE_DAYS * 86_400_000))}
              onChange={(e) => setCustom(e.target.value)}
              required
            />
            <button type="submit" className="button button-primary">
              {t('snooze.submit')}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
