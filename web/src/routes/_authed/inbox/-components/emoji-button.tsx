import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The picker and its emoji data load on the first open, not with the inbox.
const LazyPicker = lazy(() => import('./emoji-panel'));

/**
 * A button that opens an emoji picker (emoji-picker-react: its data ships in the package and
 * native glyphs are the default, so nothing is fetched from a CDN). The chosen emoji goes to
 * `onPick`; the picker stays open for another, and Escape or a click elsewhere closes it.
 */
export function EmojiButton({
  disabled,
  onPick,
}: {
  disabled: boolean;
  onPick: (emoji: string) => void;
}) {
  const { t } = useTranslation('inbox');
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (
        e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('mousedown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('mousedown', close);
    };
  }, [open]);

  return (
    <div className="emoji-button" ref={root}>
      <button
        type="button"
        className="button button-quiet"
        aria-label={t('emoji.insert')}
        aria-expanded={open}
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="emoji-icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <circle cx="7.2" cy="8" r="1.1" fill="currentColor" />
          <circle cx="12.8" cy="8" r="1.1" fill="currentColor" />
          <path
            d="M6.5 11.8a4 4 0 0 0 7 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </svg>
      </button>
      {open && (
        <div className="emoji-popover" role="dialog" aria-label={t('emoji.dialog')}>
          <Suspense fallback={<p className="muted">{t('emoji.loading')}</p>}>
            <LazyPicker onPick={onPick} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
