import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Clipboard API where allowed (https, localhost); a hidden textarea elsewhere. */
async function copy(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** Copies `text`, and says so (or that it could not) for two seconds. */
export function CopyButton({ text, name }: { text: string; name: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={name}
        onClick={() =>
          copy(text).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        {state === 'copied' ? t('actions.copied') : t('actions.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied'
          ? t('actions.copiedStatus')
          : state === 'failed'
            ? t('actions.copyFailed')
            : ''}
      </span>
    </>
  );
}
