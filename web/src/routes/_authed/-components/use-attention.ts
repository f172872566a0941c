import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { i18n } from '../../../lib/i18n';
import { useLiveEvents } from '../../../lib/live-events';
import { chime, readNotifySettings } from '../../../lib/notify-settings';
import { coalesce } from '../../../lib/realtime';
import { trpc } from '../../../lib/trpc';

/** Events that can change what waits for me (users.attention, my mentions). */
const CHANGES_ATTENTION = new Set([
  'message:created',
  'note:created',
  'conversation:created',
  'conversation:assigned',
  'conversation:status',
  'conversation:ended',
  'conversation:deleted',
  'conversation:handoff',
  'conversation:read',
  'conversation:unread',
  'conversation:unread_reset',
]);

const TITLE = document.title || 'Support inbox';

interface Counts {
  mine: number;
  waiting: number;
  mentions: number;
}

/** What grew since the last counts, said as a notification would say it. */
function newsOf(before: Counts, now: Counts): string | null {
  if (now.mentions > before.mentions) return i18n.t('common:attention.mention');
  if (now.mine > before.mine) return i18n.t('common:attention.mine');
  if (now.waiting > before.waiting) return i18n.t('common:attention.waiting');
  return null;
}

/**
 * Nothing missed (issue 23): the tab's title counts what waits for me (my unread
 * conversations, those waiting for a person, my unread mentions), refetched on the page's
 * events; when a count grows, and the user turned them on, a chime and a desktop notification
 * (users.attention is one's own unread state: a colleague's read never clears it).
 */
export function useAttention(userId: number) {
  const queryClient = useQueryClient();
  const { data: attention } = useQuery({
    ...trpc.users.attention.queryOptions(),
    refetchInterval: 60_000,
  });
  const { data: mentions } = useQuery(trpc.notes.mentions.queryOptions());
  const refetch = useMemo(
    () =>
      coalesce(() => {
        void queryClient.invalidateQueries({ queryKey: trpc.users.attention.queryKey() });
      }, 300),
    [queryClient],
  );
  useLiveEvents((e) => {
    if (CHANGES_ATTENTION.has(e.type)) refetch();
  });

  const counts = useMemo<Counts | null>(
    () =>
      attention && mentions
        ? { mine: attention.mine, waiting: attention.waiting, mentions: mentions.total }
        : null,
    [attention, mentions],
  );
  const last = useRef<Counts | null>(null);
  useEffect(() => {
    if (!counts) return;
    const total = counts.mine + counts.waiting + counts.mentions;
    document.title = total > 0 ? `(${total}) ${TITLE}` : TITLE;
    const news = last.current ? newsOf(last.current, counts) : null;
    last.current = counts;
    if (!news) return;
    const settings = readNotifySettings(userId);
    if (settings.sound) chime();
    if (settings.desktop && 'Notification' in window && Notification.permission === 'granted') {
      new Notification(news, { body: TITLE, tag: 'support-inbox' });
    }
  }, [counts, userId]);
  useEffect(
    () => () => {
      document.title = TITLE;
    },
    [],
  );
  return counts;
}
