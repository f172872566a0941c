import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { attemptKey } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { uploadFile } from './upload-file';

/** What a file picker offers; the server decides from the bytes (docs/agent-workspace.md). */
const ACCEPT = 'image/*,application/pdf,audio/*,video/*';

/**
 * Attach a file: the chosen file is uploaded (its progress shown), then sent as a media
 * message. The thread shows it when the message's event arrives (or at the next refresh).
 */
export function AttachButton({
  conversationId,
  disabled,
}: {
  conversationId: number;
  disabled: boolean;
}) {
  const { t } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = useMutation(trpc.conversations.sendMessage.mutationOptions());

  const attach = async (file: File) => {
    setError(null);
    setProgress(0);
    try {
      const uploaded = await uploadFile(conversationId, file, setProgress);
      await send.mutateAsync({
        conversationId,
        message: { type: 'media', content: { attachmentId: uploaded.id } },
        idempotencyKey: attemptKey(),
      });
      await queryClient.invalidateQueries({
        queryKey: trpc.conversations.thread.queryKey({ conversationId }),
      });
      void queryClient.invalidateQueries({ queryKey: trpc.conversations.get.pathKey() });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const busy = progress !== null;
  return (
    <div className="attach-button">
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        aria-label={t('attach.input')}
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void attach(file);
        }}
      />
      <button
        type="button"
        className="button"
        aria-label={t('attach.button')}
        title={t('attach.title')}
        disabled={disabled || busy}
        onClick={() => input.current?.click()}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path
            fill="currentColor"
            d="M10.5 2a3.5 3.5 0 0 1 2.47 5.97l-5.3 5.3a2.25 2.25 0 0 1-3.18-3.18l4.6-4.6a.75.75 0 1 1 1.06 1.06l-4.6 4.6a.75.75 0 0 0 1.06 1.06l5.3-5.3a2 2 0 1 0-2.83-2.83l-5.3 5.3a3.25 3.25 0 0 0 4.6 4.6l4.24-4.24a.75.75 0 1 1 1.06 1.06l-4.24 4.24A4.75 4.75 0 0 1 2.72 8.4l5.3-5.3A3.49 3.49 0 0 1 10.5 2Z"
          />
        </svg>
      </button>
      {busy && (
        <progress
          className="attach-progress"
          aria-label={t('attach.uploading')}
          max={1}
          value={progress}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
