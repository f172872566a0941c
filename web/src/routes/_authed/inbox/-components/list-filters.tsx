import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type RefObject, useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../../../../lib/session';
import { trpc } from '../../../../lib/trpc';
import { ChannelSelect, StatusSelect } from './filter-selects';
import { effectiveView, type InboxSearch, type InboxView, isSupervisor } from './search';

const VIEW_LABEL: Record<InboxView, string> = {
  mine: 'Mine',
  unassigned: 'Unassigned',
  bots: 'Bots',
  all: 'All',
};

interface Props {
  user: SessionUser;
  search: InboxSearch;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function ListFilters({ user, search, searchRef }: Props) {
  const navigate = useNavigate();
  const tags = useQuery(trpc.tags.list.queryOptions({ limit: 100 }));
  const views: InboxView[] = isSupervisor(user)
    ? ['mine', 'unassigned', 'bots', 'all']
    : ['mine', 'unassigned', 'bots'];
  const current = effectiveView(search, user);
  const [text, setText] = useState(search.q ?? '');
  const pushed = useRef(search.q);

  const update = (patch: Partial<InboxSearch>) =>
    void navigate({ to: '.', search: (prev) => ({ ...prev, ...patch }), replace: true });

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
      <nav className="view-tabs" aria-label="Conversation views">
        {views.map((view) => (
          <Link
            key={view}
            to="."
            search={(prev) => ({ ...prev, view: view === 'mine' ? undefined : view })}
            aria-current={current === view ? 'page' : undefined}
            replace
          >
            {VIEW_LABEL[view]}
          </Link>
        ))}
      </nav>
      <div className="inbox-search">
        <label className="visually-hidden" htmlFor="inbox-search">
          Search conversations
        </label>
        <input
          id="inbox-search"
          ref={searchRef}
          type="search"
          placeholder="Search name, phone or account  ( / )"
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
          Unread
        </button>
        <button
          type="button"
          className="chip-toggle"
          aria-pressed={search.snoozed === true}
          onClick={() => update({ snoozed: search.snoozed ? undefined : true })}
        >
          Snoozed
        </button>
        <StatusSelect
          label="Status"
          value={search.status}
          onChange={(status) => update({ status })}
        />
        <ChannelSelect
          label="Channel"
          value={search.channel}
          onChange={(channel) => update({ channel })}
        />
        <select
          aria-label="Tag"
          value={search.tag ?? ''}
          onChange={(e) => update({ tag: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">Tag</option>
          {tags.data?.data.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
