import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { ChannelIcon, channelLabel } from './channel-icon';

/** The contact's other conversations the agent may open, newest first, each a link. */
export function PreviousConversations({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation('inbox');
  const previous = useQuery(trpc.conversations.previous.queryOptions({ conversationId }));
  const list = previous.data ?? [];
  return (
    <section className="panel-section" aria-labelledby="panel-previous">
      <h3 id="panel-previous">{t('previous.title')}</h3>
      {previous.isPending && <p className="inbox-muted">{t('previous.loading')}</p>}
      {previous.isError && <p className="inbox-muted">{t('previous.error')}</p>}
      {previous.isSuccess && list.length === 0 && (
        <p className="inbox-muted">{t('previous.none')}</p>
      )}
      {list.length > 0 && (
        <ul className="previous-list">
          {list.map((p) => (
            <li key={p.id}>
              <Link
                to="/inbox/$conversationId"
                params={{ conversationId: String(p.id) }}
                search={(prev) => prev}
                className="previous-item"
              >
                <span className="previous-top">
                  <ChannelIcon channel={p.channel} />
                  <span>{channelLabel(p.channel)}</span>
                  <span className={`status-chip previous-status-${p.status}`}>
                    {t(`status.${p.status}`)}
                  </span>
                  <time dateTime={p.createdAt}>{formatDate(p.createdAt)}</time>
                </span>
                <span className="previous-excerpt">
                  {p.lastMessagePreview ?? t('previous.noMessages')}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
