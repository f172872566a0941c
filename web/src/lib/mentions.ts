import type { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from './realtime';
import { trpc } from './trpc';

/** A note that mentions `meId` arrived on the inbox stream: the header's count is refetched. */
export function refreshMentionsOn(queryClient: QueryClient, e: LiveEvent, meId: number): void {
  if (e.type !== 'note:created') return;
  const named = (e.payload as { mentionedUserIds?: unknown }).mentionedUserIds;
  if (Array.isArray(named) && named.includes(meId))
    void queryClient.invalidateQueries({ queryKey: trpc.notes.mentions.queryKey() });
}
