import { useTranslation } from 'react-i18next';
import { countdown } from '../../../../lib/format';
import { LockIcon } from './composer';

const HOUR = 3_600_000;

/**
 * WhatsApp only allows free-form replies for 24 hours after the customer's last message:
 * a countdown while the window is open, a lock once it has closed.
 */
export function WindowBanner({ expiresAt, now }: { expiresAt: string | null; now: number }) {
  const { t } = useTranslation('inbox');
  const left = expiresAt ? Date.parse(expiresAt) - now : 0;
  if (left <= 0) {
    return (
      <div className="window-banner window-closed" role="status">
        <LockIcon />
        <span>
          <strong>{t('window.closedTitle')}</strong> {t('window.closedBody')}
        </span>
      </div>
    );
  }
  return (
    // Not a live region: a ticking countdown would be read out every second.
    <div className={`window-banner${left < HOUR ? ' window-closing' : ''}`}>
      <span>
        {t('window.closesIn')}{' '}
        <strong>
          <time dateTime={expiresAt ?? undefined}>{countdown(left)}</time>
        </strong>
      </span>
    </div>
  );
}
