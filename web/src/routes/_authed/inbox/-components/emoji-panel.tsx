import EmojiPicker, { type EmojiClickData } from 'emoji-picker-react';

/** The picker itself, in its own chunk (emoji-button.tsx loads it on the first open). */
export default function EmojiPanel({ onPick }: { onPick: (emoji: string) => void }) {
  return (
    <EmojiPicker
      onEmojiClick={(data: EmojiClickData) => onPick(data.emoji)}
      lazyLoadEmojis
      previewConfig={{ showPreview: false }}
      width={320}
      height={380}
    />
  );
}
