import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../../../shared/enums';
import { formatDateTime } from '../../../../lib/format';
import type { RouterInputs, RouterOutputs } from '../../../../lib/trpc';
import { trpc } from '../../../../lib/trpc';
import { channelLabel } from './channel-icon';
import { ChannelSelect, StatusSelect } from './filter-selects';
import { useJumpToMessage } from './use-jump-to-message';
import '../../../../styles/message-search.css';

type Hit = RouterOutputs['search']['messages']['results'][number];
type Filters = Omit<RouterInputs['search']['messages'], 'query' | 'cursor' | 'limit'>;

const ORIGIN_LABEL = {
  client: 'messageSearch.origin.client',
  bot: 'messageSearch.origin.bot',
  operator: 'messageSearch.origin.operator',
  system: 'messageSearch.origin.system',
} as const satisfies Record<Hit['origin'], string>;

/** The server's snippet: each part as text, the matches in <mark>; never HTML from a message. */
function Snippet({ parts }: { parts: Hit['snippet'] }) {
  return (
    <p className="msearch-snippet">
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </p>
  );
}

/**
 * Search across message text (accents and case ignored, parts of words too), with filters; a
 * result opens its conversation and scrolls to the message, highlighted.
 */
export function MessageSearch({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('inbox');
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const jump = useJumpToMessage();

  useEffect(() => {
    const timer = window.setTimeout(() => {
      setQuery(text.trim());
      setCursors([]);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  const ready = Array.from(query.replace(/[^\p{L}\p{N}]/gu, '')).length >= 3;
  const page = useQuery({
    ...trpc.search.messages.queryOptions({
      query,
      ...filters,
      cursor: cursors.at(-1),
      limit: 20,
    }),
    enabled: ready,
    retry: false,
  });
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setCursors([]);
  };
  const open = (hit: Hit) => {
    void navigate({
      to: '/inbox/$conversationId',
      params: { conversationId: String(hit.conversationId) },
      search: (prev) => prev,
    });
    jump(hit.messageId);
  };

  return (
    <section className="msearch" aria-label={t('messageSearch.label')}>
      <div className="msearch-head">
        <label className="visually-hidden" htmlFor="message-search">
          {t('messageSearch.input')}
        </label>
        <input
          id="message-search"
          type="search"
          // biome-ignore lint/a11y/noAutofocus: the panel opens to be typed in
          autoFocus
          placeholder={t('messageSearch.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onClose();
          }}
        />
        <button type="button" className="chip-toggle" onClick={onClose}>
          {t('messageSearch.close')}
        </button>
      </div>
      <div className="filter-row">
        <StatusSelect
          label={t('messageSearch.status')}
          value={filters.status}
          onChange={(status) => setFilter({ status })}
        />
        <ChannelSelect
          label={t('messageSearch.channel')}
          value={filters.channel}
          onChange={(channel) => setFilter({ channel })}
        />
        <AgentFilter value={filters.agentId} onChange={(agentId) => setFilter({ agentId })} />
        <input
          type="date"
          aria-label={t('messageSearch.from')}
          onChange={(e) =>
            setFilter({ from: e.target.value ? new Date(`${e.target.value}T00:00:00`) : undefined })
          }
        />
        <input
          type="date"
          aria-label={t('messageSearch.to')}
          onChange={(e) =>
            setFilter({
              to: e.target.value ? new Date(`${e.target.value}T23:59:59.999`) : undefined,
            })
          }
        />
      </div>
      {!ready && <p className="inbox-muted">{t('messageSearch.tooShort')}</p>}
      {page.error && <p role="alert">{page.error.message}</p>}
      {ready && page.data && page.data.results.length === 0 && (
        <p className="inbox-muted">{t('messageSearch.none')}</p>
      )}
      <ul className="msearch-results">
        {page.data?.results.map((hit) => (
          <li key={hit.messageId}>
            <button type="button" className="msearch-hit" onClick={() => open(hit)}>
              <span className="msearch-meta">
                <strong>{hit.contactName ?? t('contact.unknown')}</strong>
                <span>{t(ORIGIN_LABEL[hit.origin])}</span>
                {hit.channel && <span>{channelLabel(hit.channel as Channel)}</span>}
                <time dateTime={hit.createdAt}>{formatDateTime(hit.createdAt)}</time>
              </span>
              <Snippet parts={hit.snippet} />
            </button>
          </li>
        ))}
      </ul>
      <div className="msearch-pages">
        {cursors.length > 0 && (
          <button type="button" onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('messageSearch.newer')}
          </button>
        )}
        {page.data?.nextCursor && (
          <button type="button" onClick={() => setCursors((c) => [...c, page.data!.nextCursor!])}>
            {t('messageSearch.older')}
          </button>
        )}
      </div>
    </section>
  );
}

function AgentFilter({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
}) {
  const { t } = useTranslation('inbox');
  const users = useQuery(trpc.users.list.queryOptions());
  return (
    <select
      aria-label={t('messageSearch.agentLabel')}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}
    >
      <option value="">{t('messageSearch.agent')}</option>
      {users.data?.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}
