import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../../../../shared/enums';
import { i18n } from '../../../../lib/i18n';

/** A channel's name in the console's language; no channel is "Unknown channel". */
export const channelLabel = (channel: Channel | null | undefined): string =>
  i18n.t(channel ? `inbox:channel.${channel}` : 'inbox:channel.unknown');

/**
 * The channels' names, each read in the console's language when it is read (the side panel
 * indexes it at render).
 */
export const CHANNEL_LABEL = Object.defineProperties(
  {} as Record<Channel, string>,
  Object.fromEntries(CHANNELS.map((c) => [c, { get: () => channelLabel(c), enumerable: true }])),
);

export const isWhatsApp = (channel: Channel | null | undefined) =>
  channel === 'WHATSAPP_CLOUD' || channel === 'WHATSAPP_QR';

/** A small channel mark; the channel's name is its accessible label. */
export function ChannelIcon({ channel }: { channel: Channel | null }) {
  useTranslation('inbox'); // re-renders on a change of language
  const label = channelLabel(channel);
  const kind = isWhatsApp(channel) ? 'whatsapp' : 'web';
  return (
    <span className={`channel-icon channel-${kind}`} role="img" aria-label={label} title={label}>
      {kind === 'whatsapp' ? (
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M8 1.5a6.5 6.5 0 0 0-5.6 9.8L1.5 14.5l3.3-.9A6.5 6.5 0 1 0 8 1.5Zm3.3 8.9c-.1.4-.8.8-1.2.8-.3 0-.7.1-2.2-.5a7.6 7.6 0 0 1-3-2.6c-.2-.3-.7-1-.7-1.9s.5-1.4.7-1.6c.2-.2.4-.2.5-.2h.4c.1 0 .3 0 .4.3l.6 1.4c0 .1.1.2 0 .4l-.2.3-.3.3c-.1.1-.2.2-.1.4.1.2.6.9 1.2 1.5.8.7 1.4.9 1.6 1 .2.1.3.1.4 0l.6-.7c.1-.2.3-.2.4-.1l1.3.6c.2.1.3.2.4.2.1.1.1.4-.1.9Z"
          />
        </svg>
      ) : (
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M3 2.5h10A1.5 1.5 0 0 1 14.5 4v6A1.5 1.5 0 0 1 13 11.5H7.2L4 14v-2.5H3A1.5 1.5 0 0 1 1.5 10V4A1.5 1.5 0 0 1 3 2.5Z"
          />
        </svg>
      )}
    </span>
  );
}
