import { keepPreviousData, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Outlet, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { ConversationList } from './conversation-list';
import { ListFilters } from './list-filters';
import { MessageSearch } from './message-search';
import { effectiveView, listInput, PAGE_SIZE, VIEW_PANEL_ID, viewTabId } from './search';
import { useInboxStream } from './use-inbox-stream';
import { useListShortcuts } from './use-shortcuts';
import '../../../../styles/inbox.css';
import '../../../../styles/inbox-screens.css';

export function InboxLayout() {
  const { t } = useTranslation('inbox');
  const search = useSearch({ from: '/_authed/inbox' });
  const { data: user } = useSuspenseQuery(trpc.auth.me.queryOptions());
  const [limit, setLimit] = useState(PAGE_SIZE);
  const list = useQuery({
    ...trpc.conversations.list.queryOptions(listInput(search, user, limit)),
    // A filter change or a live refetch keeps the rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const { conversationId } = useParams({ strict: false });
  const selectedId = conversationId ? Number(conversationId) : undefined;
  const searchRef = useRef<HTMLInputElement>(null);
  const [searchingMessages, setSearchingMessages] = useState(false);
  const rows = list.data?.data ?? [];
  useInboxStream();
  useListShortcuts({ rows, selectedId, searchRef });
  useFocusFollowsPane(conversationId);

  return (
    // On a phone one pane shows at a time, chosen by the route: a conversation open → its thread.
    <div className="inbox" data-pane={conversationId ? 'conversation' : 'list'}>
      <aside className="inbox-sidebar" aria-labelledby="inbox-title">
        <header className="inbox-sidebar-header">
          <h1 id="inbox-title">{t('page.title')}</h1>
          {list.data && (
            <span className="inbox-muted">
              {t('page.inView', { n: formatNumber(list.data.total) })}
            </span>
          )}
          <button
            type="button"
            className="chip-toggle"
            aria-pressed={searchingMessages}
            onClick={() => setSearchingMessages((v) => !v)}
          >
            {t('page.searchMessages')}
          </button>
        </header>
        {searchingMessages ? (
          <MessageSearch onClose={() => setSearchingMessages(false)} />
        ) : (
          <ListFilters user={user} search={search} searchRef={searchRef} />
        )}
        {!searchingMessages && (
          <div
            className="inbox-view-panel"
            role="tabpanel"
            id={VIEW_PANEL_ID}
            aria-labelledby={viewTabId(effectiveView(search, user))}
          >
            <ConversationList
              rows={rows}
              total={list.data?.total ?? 0}
              selectedId={selectedId}
              me={user}
              loading={list.isPending}
              refreshing={list.isPlaceholderData}
              error={list.error}
              onShowMore={limit < 100 ? () => setLimit(100) : undefined}
            />
          </div>
        )}
      </aside>
      <Outlet />
    </div>
  );
}

/** The inbox shows one pane at a time below this width (styles/inbox-screens.css). */
const ONE_PANE = '(width < 768px)';

/**
 * On a phone the list and the thread replace each other, and the control that had the focus
 * (the row just opened, the Back link) disappears with its pane. The focus then goes to what
 * took its place: the conversation's heading, or back on the row of the conversation left.
 * Wider screens keep both panes, so the focus stays where it is.
 */
function useFocusFollowsPane(conversationId: string | undefined) {
  const shown = useRef(conversationId);
  useEffect(() => {
    const left = shown.current;
    shown.current = conversationId;
    if (left === conversationId || !window.matchMedia(ONE_PANE).matches) return;
    const active = document.activeElement as HTMLElement | null;
    if (active && active !== document.body && active.checkVisibility()) return;
    const target = conversationId
      ? document.getElementById('conversation-title')
      : document.querySelector<HTMLElement>(`.conv-row[data-conversation-id="${left}"]`);
    target?.focus();
  }, [conversationId]);
}
