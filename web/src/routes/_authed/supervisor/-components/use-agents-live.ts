import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLiveEvents } from '../../../../lib/live-events';
import { coalesce } from '../../../../lib/realtime';
import { trpc } from '../../../../lib/trpc';

/**
 * What changes the agents table: someone's availability (login, logout, the presence sweep) and
 * a conversation's owner or state (open counts). Messages, typing, reads and notes do not.
 */
const CHANGES_AGENTS = new Set([
  'user:availability',
  'conversation:created',
  'conversation:assigned',
  'conversation:status',
  'conversation:ended',
  'conversation:deleted',
  'conversation:handoff',
]);

/**
 * Keeps the supervisor's agents table live: the page's event stream (lib/live-events.ts)
 * refetches it, coalesced, when an event that changes it arrives, instead of waiting for the
 * table's 30 s refresh.
 */
export function useAgentsLive() {
  const queryClient = useQueryClient();
  const refetch = useMemo(
    () =>
      coalesce(() => {
        void queryClient.invalidateQueries({ queryKey: trpc.assignment.agents.queryKey() });
      }),
    [queryClient],
  );
  useLiveEvents((e) => {
    if (CHANGES_AGENTS.has(e.type)) refetch();
  });
}
