import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tabKeyTarget } from '../../../../components/tab-keys';
import type { SessionUser } from '../../../../lib/session';
import { trpc } from '../../../../lib/trpc';
import { ChannelSelect, StatusSelect } from './filter-selects';
import {
  effectiveView,
  type InboxSearch,
  type InboxView,
  isSupervisor,
  VIEW_PANEL_ID,
  viewTabId,
} from './search';

const VIEW_LABEL = {
  mine: 'views.mine',
  unassigned: 'views.unassigned',
  bots: 'views.bots',
  all: 'views.all',
} as const satisfies Record<InboxView, string>;

interface Props {
  user: SessionUser;
  search: InboxSearch;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function ListFilters({ user, search, searchRef }: Props) {
  const { t } = useTranslation('inbox');
  // Each view's open conversations (users.attention, refreshed on the page's events).
  const counts = useQuery(trpc.users.attention.queryOptions()).data?.views;
  const navigate = useNavigate();
  const tags = useQuery(trpc.tags.list.queryOptions({ limit: 100 }));
  const views: InboxView[] = isSupervisor(user)
    ? ['mine', 'unassigned', 'bots', 'all']
    : ['mine', 'unassigned', 'bots'];
  const current = effectiveView(search, user);
  const [text, setText] = useState(search.q ?? '');
  const pushed = useRef(search.q);
  const tabList = useRef<HTMLDivElement>(null);

  const update = (patch: Partial<InboxSearch>) =>
    void navigate({ to: '.', search: (prev) => ({ ...prev, ...patch }), replace: true });
  // "mine" is the default view: it leaves no trace in the URL.
  const choose = (view: InboxView) => update({ view: view === 'mine' ? undefined : view });

  // The URL changed under the box (Back, a link): show what the list is filtered by.
  useEffect(() => {
    if (search.q === pushed.current) return;
    pushed.current = search.q;
    setText(search.q ?? '');
  }, [search.q]);

  // Debounced: the list follows the typing without a request per keystroke.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only typing restarts the timer
  useEffect(() => {
    const q = text.trim() || undefined;
    if (q === pushed.current) return;
    const timer = window.setTimeout(() => {
      pushed.current = q;
      update({ q });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  return (
    <div className="inbox-filters">
      <div
        className="view-tabs"
        role="tablist"
        aria-label={t('views.label')}
        ref={tabList}
        onKeyDown={(e) => {
          const tabs = Array.from(
            tabList.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [],
          );
          const to = tabKeyTarget(e, tabs.indexOf(e.target as HTMLElement), tabs.length);
          if (to === null) return;
          // Automatic activation: the list under the tabs follows the focus.
          tabs[to]?.focus();
          choose(views[to]!);
        }}
      >
        {views.map((view) => (
          <button
            key={view}
            type="button"
            role="tab"
            id={viewTabId(view)}
            aria-selected={current === view}
            aria-controls={VIEW_PANEL_ID}
            // Roving tabindex: Tab enters the row on the chosen view, the arrows move within it.
            tabIndex={current === view ? 0 : -1}
            onClick={() => choose(view)}
            aria-describedby={counts ? `${viewTabId(view)}-count` : undefined}
          >
            {t(VIEW_LABEL[view])}
            {counts?.[view] != null && (
              <>
                {/* Out of the tab's name ("Mine"), into its description ("3 open"). */}
                <span className="tab-count" aria-hidden="true">
                  {counts[view]! > 99 ? '99+' : counts[view]}
                </span>
                <span id={`${viewTabId(view)}-count`} hidden>
                  {t('views.open', { count: counts[view]! })}
                </span>
              </>
            )}
          </button>
        ))}
      </div>
      <div className="inbox-search">
        <label className="visually-hidden" htmlFor="inbox-search">
          {t('filters.searchLabel')}
        </label>
        <input
          id="inbox-search"
          ref={searchRef}
          type="search"
          placeholder={t('filters.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
      </div>
      <div className="filter-row">
        <button
          type="button"
          className="chip-toggle"
          aria-pressed={search.unread === true}
          onClick={() => update({ unread: search.unread ? undefined : true })}
        >
          {t('filters.unread')}
        </button>
        <button
          type="button"
          className="chip-toggle"
          aria-pressed={search.snoozed === true}
          onClick={() => update({ snoozed: search.snoozed ? undefined : true })}
        >
          {t('filters.snoozed')}
        </button>
        <StatusSelect
          label={t('filters.status')}
          value={search.status}
          onChange={(status) => update({ status })}
        />
        <ChannelSelect
          label={t('filters.channel')}
          value={search.channel}
          onChange={(channel) => update({ channel })}
        />
        <select
          aria-label={t('filters.tag')}
          value={search.tag ?? ''}
          onChange={(e) => update({ tag: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">{t('filters.tag')}</option>
          {tags.data?.data.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
