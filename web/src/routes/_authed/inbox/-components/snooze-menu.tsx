import { type FormEvent, useState } from 'react';
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
        title={`Snoozed until ${formatDateTime(c.snoozed_until)}`}
      >
        Unsnooze
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
        Snooze <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          className="inbox-menu"
          role="menu"
          id={menuId}
          aria-label="Snooze until"
          onKeyDown={onKeyDown}
        >
          {snoozePresets(now).map((p) => (
            <button key={p.label} type="button" role="menuitem" onClick={() => pick(p.until)}>
              {p.label}
              <span className="inbox-menu-hint">{formatDateTime(p.until.toISOString())}</span>
            </button>
          ))}
          <hr className="inbox-menu-divider" />
          <form className="snooze-custom" onSubmit={submitCustom}>
            <label htmlFor={`${menuId}-custom`}>Custom date and time</label>
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
              Snooze
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
