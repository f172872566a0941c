import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { trpc } from '../../../../lib/trpc';

/**
 * Opening a conversation reads the mentions of me in it, and so does a note mentioning me that
 * arrives while it is open (`mentionsOfMe` grows): the header's count drops at once.
 */
export function useReadMentions(conversationId: number, mentionsOfMe: number) {
  const queryClient = useQueryClient();
  const { mutate } = useMutation(
    trpc.notes.readMentions.mutationOptions({
      onSuccess: ({ read }) => {
        if (read > 0)
          void queryClient.invalidateQueries({ queryKey: trpc.notes.mentions.queryKey() });
      },
    }),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: reads again when a new mention arrives
  useEffect(() => {
    mutate({ conversationId });
  }, [conversationId, mentionsOfMe, mutate]);
}
