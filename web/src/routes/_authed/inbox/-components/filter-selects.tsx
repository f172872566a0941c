import {
  CHANNELS,
  type Channel,
  CONVERSATION_STATUSES,
  type ConversationStatus,
} from '../../../../../../shared/enums';
import { CHANNEL_LABEL } from './channel-icon';

const STATUS_LABEL = { active: 'Active', paused: 'Paused', ended: 'Ended' } as const;

interface SelectProps<T> {
  label: string;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
}

/** A conversation status filter: "Status" (any) or one of them. */
export function StatusSelect({ label, value, onChange }: SelectProps<ConversationStatus>) {
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange((e.target.value || undefined) as ConversationStatus | undefined)}
    >
      <option value="">Status</option>
      {CONVERSATION_STATUSES.map((s) => (
        <option key={s} value={s}>
          {STATUS_LABEL[s]}
        </option>
      ))}
    </select>
  );
}

/** A channel filter: "Channel" (any) or one of them. */
export function ChannelSelect({ label, value, onChange }: SelectProps<Channel>) {
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange((e.target.value || undefined) as Channel | undefined)}
    >
      <option value="">Channel</option>
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {CHANNEL_LABEL[c]}
        </option>
      ))}
    </select>
  );
}
