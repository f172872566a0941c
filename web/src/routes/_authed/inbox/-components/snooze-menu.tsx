import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
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
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

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

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const pick = (until: Date) => {
    close();
    actions.snooze(until);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') return close();
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    e.preventDefault();
    const items = Array.from(
      root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [],
    );
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
  };
  const submitCustom = (e: FormEvent) => {
    e.preventDefault();
    const until = new Date(custom);
    if (!Number.isNaN(until.getTime())) pick(until);
  };

  const now = new Date();
  return (
    <div className="inbox-menu-root" ref={root}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        disabled={actions.busy}
      >
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
