import type { DeliveryStatus } from '../../../../../../shared/enums';

const LABEL: Record<DeliveryStatus, string> = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
};

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
  return (
    <span
      className={`ticks ticks-${status}${compact ? ' ticks-compact' : ''}`}
      role="img"
      aria-label={LABEL[status]}
      title={LABEL[status]}
    >
      {MARK[status]}
    </span>
  );
}
