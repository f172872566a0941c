import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../lib/errors';
import { attemptKey } from '../../../../lib/format';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import { AttachButton } from './attach-button';
import { CannedPicker, cannedBoxAria } from './canned-picker';
import { CopilotActions } from './copilot-actions';
import { EmojiButton } from './emoji-button';
import { insertAtCaret } from './insert-at-caret';
import { MentionPicker, mentionBoxAria } from './mention-picker';
import { useCannedSearch } from './use-canned-search';
import { useNoteMode } from './use-note-mode';
import { useTypingAnnounce } from './use-typing-announce';
import '../../../../styles/notes.css';

type Thread = RouterOutputs['conversations']['thread'];

// Unsent drafts survive switching between conversations (not a reload).
const drafts = new Map<number, string>();

interface Props {
  conversationId: number;
  /** Why replying is impossible right now (shown when not empty), or null when it is possible. */
  locked: string | null;
  /** The signed-in agent, whom their own @ list leaves out. */
  meId: number;
}

/** Enter sends, Shift+Enter starts a new line; each attempt carries its own idempotency key. */
export function Composer({ conversationId, locked: replyLock, meId }: Props) {
  const { t } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
  const box = useRef<HTMLTextAreaElement>(null);
  const canned = useCannedSearch({ conversationId, text, setText, box });
  const note = useNoteMode({ conversationId, meId, text, setText, box });
  const writingNote = note.mode === 'note';
  const locked = writingNote ? null : replyLock;
  useTypingAnnounce({ conversationId, mode: note.mode, text, locked: replyLock !== null });
  const send = useMutation(
    trpc.conversations.sendMessage.mutationOptions({
      onSuccess: (sent, input) => {
        const message = {
          ...sent,
          content: input.message.content,
          sentAt: null,
          deliveredAt: null,
          readAt: null,
        };
        queryClient.setQueryData<Thread>(
          trpc.conversations.thread.queryKey({ conversationId }),
          (t) =>
            t && !t.messages.some((m) => m.id === sent.id)
              ? { ...t, messages: [...t.messages, message] }
              : t,
        );
        // Replying to a bot's conversation takes it over: the header must say so.
        void queryClient.invalidateQueries({ queryKey: trpc.conversations.get.pathKey() });
      },
      onError: (_error, input) => {
        // Give the words back rather than lose them.
        setText((current) => current || String(input.message.content.text ?? ''));
      },
    }),
  );

  useEffect(() => {
    drafts.set(conversationId, text);
  }, [conversationId, text]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || locked !== null) return;
    if (writingNote) {
      note.send(body);
      setText('');
      box.current?.focus();
      return;
    }
    send.reset();
    send.mutate({
      conversationId,
      message: { type: 'text', content: { text: body } },
      idempotencyKey: attemptKey(),
    });
    setText('');
    box.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (note.mentions.onKeyDown(e) || canned.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form
      className={writingNote ? 'composer composer-note' : 'composer'}
      onSubmit={submit}
      aria-label={writingNote ? t('composer.note') : t('composer.reply')}
    >
      <fieldset className="composer-mode">
        <legend className="visually-hidden">{t('composer.modeLegend')}</legend>
        <button type="button" aria-pressed={!writingNote} onClick={() => note.setMode('reply')}>
          {t('composer.reply')}
        </button>
        <button
          type="button"
          className="note-mode"
          aria-pressed={writingNote}
          onClick={() => {
            note.setMode('note');
            box.current?.focus();
          }}
        >
          {t('composer.note')}
        </button>
      </fieldset>
      {locked && (
        <p className="composer-locked" role="status">
          <LockIcon /> {locked}
        </p>
      )}
      {(writingNote ? note.error : send.error) && (
        <p className="form-error" role="alert">
          {errorMessage(writingNote ? note.error : send.error)}
        </p>
      )}
      <MentionPicker search={note.mentions} />
      {!note.mentions.open && <CannedPicker search={canned} />}
      <div className="composer-row">
        <label htmlFor="composer-text" className="visually-hidden">
          {writingNote ? t('composer.noteLabel') : t('composer.replyLabel')}
        </label>
        <textarea
          id="composer-text"
          ref={box}
          rows={Math.min(8, Math.max(2, text.split('\n').length))}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            canned.track(e.target);
            note.mentions.track(e.target);
          }}
          onSelect={(e) => {
            canned.track(e.currentTarget);
            note.mentions.track(e.currentTarget);
          }}
          onKeyDown={onKeyDown}
          {...(note.mentions.open ? mentionBoxAria(note.mentions) : cannedBoxAria(canned))}
          disabled={locked !== null}
          placeholder={
            locked !== null
              ? t('composer.lockedPlaceholder')
              : writingNote
                ? t('composer.notePlaceholder')
                : t('composer.replyPlaceholder')
          }
          maxLength={writingNote ? 16384 : 4096}
        />
        <AttachButton conversationId={conversationId} disabled={locked !== null || writingNote} />
        <EmojiButton
          disabled={locked !== null}
          onPick={(emoji) => insertAtCaret(box, text, setText, emoji)}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={locked !== null || text.trim() === '' || note.sending}
        >
          {writingNote ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
      <CopilotActions
        conversationId={conversationId}
        locked={locked !== null}
        onDraft={(draft) => {
          // Beside what the agent already wrote, never over it; nothing is sent.
          setText((current) => (current.trim() ? `${current}\n\n${draft}` : draft));
          box.current?.focus();
        }}
      />
    </form>
  );
}

export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path
        fill="currentColor"
        d="M5 7V5a3 3 0 0 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z"
      />
    </svg>
  );
}
