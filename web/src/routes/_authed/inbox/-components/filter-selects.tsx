import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  type Channel,
  CONVERSATION_STATUSES,
  type ConversationStatus,
} from '../../../../../../shared/enums';
import { channelLabel } from './channel-icon';

interface SelectProps<T> {
  label: string;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
}

/** A conversation status filter: "Status" (any) or one of them. */
export function StatusSelect({ label, value, onChange }: SelectProps<ConversationStatus>) {
  const { t } = useTranslation('inbox');
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange((e.target.value || undefined) as ConversationStatus | undefined)}
    >
      <option value="">{t('filters.status')}</option>
      {CONVERSATION_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </select>
  );
}

/** A channel filter: "Channel" (any) or one of them. */
export function ChannelSelect({ label, value, onChange }: SelectProps<Channel>) {
  const { t } = useTranslation('inbox');
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange((e.target.value || undefined) as Channel | undefined)}
    >
      <option value="">{t('filters.channel')}</option>
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {channelLabel(c)}
        </option>
      ))}
    </select>
  );
}
