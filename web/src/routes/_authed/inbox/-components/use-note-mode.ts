import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type RefObject, useState } from 'react';
import { trpc } from '../../../../lib/trpc';
import { useMentionSearch } from './use-mention-search';

export type ComposerMode = 'reply' | 'note';

interface Options {
  conversationId: number;
  meId: number;
  text: string;
  setText: (text: string) => void;
  box: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The composer's private-note side: the mode it writes in, the note's send (to notes.add,
 * never to the customer's send) and the `@` list. A note is written whatever the reply box's
 * lock (an ended conversation, a closed WhatsApp window): it goes to nobody outside the team.
 */
export function useNoteMode({ conversationId, meId, text, setText, box }: Options) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<ComposerMode>('reply');
  const mentions = useMentionSearch({ enabled: mode === 'note', meId, text, setText, box });
  const add = useMutation(
    trpc.notes.add.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({
          queryKey: trpc.notes.list.queryKey({ conversationId }),
        }),
      onError: (_error, input) => setText(text || input.body),
    }),
  );
  const send = (body: string) => {
    add.reset();
    add.mutate({ conversationId, body, mentionUserIds: mentions.mentioned(body) });
  };
  return { mode, setMode, mentions, send, error: add.error, sending: add.isPending };
}
