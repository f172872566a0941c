import { useTranslation } from 'react-i18next';
import type { DeliveryStatus } from '../../../../../../shared/enums';

const LABEL = {
  pending: 'delivery.pending',
  sent: 'delivery.sent',
  delivered: 'delivery.delivered',
  read: 'delivery.read',
  failed: 'delivery.failed',
} as const satisfies Record<DeliveryStatus, string>;

const MARK: Record<DeliveryStatus, string> = {
  pending: '○',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '!',
};

/** An outbound message's delivery: ○ sending, ✓ sent, ✓✓ delivered, blue ✓✓ read, ! failed. */
export function DeliveryTicks({
  status,
  compact = false,
}: {
  status: DeliveryStatus;
  compact?: boolean;
}) {
  const { t } = useTranslation('inbox');
  const label = t(LABEL[status]);
  return (
    <span
      className={`ticks ticks-${status}${compact ? ' ticks-compact' : ''}`}
      role="img"
      aria-label={label}
      title={label}
    >
      {MARK[status]}
    </span>
  );
}
