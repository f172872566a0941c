import EmojiPicker, { type EmojiClickData } from 'emoji-picker-react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../../../shared/i18n/locales';
import { useLocale } from '../../../../lib/i18n';

/**
 * The emoji names and categories in the console's language, each its own chunk, loaded on the
 * first open (English is the package's default). Module-level: a new loader loads again.
 */
const EMOJI_DATA: Partial<Record<Locale, () => Promise<unknown>>> = {
  'pt-BR': () => import('emoji-picker-react/data/emojis-pt'),
  es: () => import('emoji-picker-react/data/emojis-es'),
};

/** The picker itself, in its own chunk (emoji-button.tsx loads it on the first open). */
export default function EmojiPanel({ onPick }: { onPick: (emoji: string) => void }) {
  const { t } = useTranslation('inbox', { keyPrefix: 'emoji.picker' });
  const locale = useLocale();
  const labels = {
    searchPlaceholder: t('searchPlaceholder'),
    searchLabel: t('searchLabel'),
    searchClear: t('searchClear'),
    searchResultsNone: t('searchResultsNone'),
    searchResultsOne: t('searchResultsOne'),
    searchResultsMany: t('searchResultsMany'),
    categoryNavigation: t('categoryNavigation'),
    loading: t('loading'),
    loadingError: t('loadingError'),
    retryLoading: t('retryLoading'),
    skinToneNeutral: t('skinToneNeutral'),
    skinToneLight: t('skinToneLight'),
    skinToneMediumLight: t('skinToneMediumLight'),
    skinToneMedium: t('skinToneMedium'),
    skinToneMediumDark: t('skinToneMediumDark'),
    skinToneDark: t('skinToneDark'),
  };
  return (
    <EmojiPicker
      key={locale}
      emojiData={EMOJI_DATA[locale] as Parameters<typeof EmojiPicker>[0]['emojiData']}
      labels={labels}
      onEmojiClick={(data: EmojiClickData) => onPick(data.emoji)}
      lazyLoadEmojis
      previewConfig={{ showPreview: false }}
      width={320}
      height={380}
    />
  );
}
