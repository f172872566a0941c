import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Trans, useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../lib/session';
import { trpc } from '../../../../lib/trpc';

/**
 * A view with no conversations: where they come from, and a way to make one. The widget demo
 * page (served by the API, not a console route) embeds the workspace's first chatbot, so
 * writing there as a customer brings a conversation in; admins also get the channel settings.
 */
export function EmptyInbox({ me }: { me: SessionUser }) {
  const { t } = useTranslation('inbox');
  const { data: chatbots } = useQuery(trpc.chatbots.list.queryOptions());
  const publicKey = chatbots?.[0]?.publicKey;
  const demoUrl = publicKey ? `/widget-demo?publicKey=${encodeURIComponent(publicKey)}` : null;
  return (
    <div className="conv-list-state">
      <p className="conv-list-empty-title">{t('empty.title')}</p>
      <p>{t('empty.body')}</p>
      {demoUrl && (
        <p>
          <Trans
            t={t}
            i18nKey="empty.demo"
            // Not <link>: the parser behind Trans knows it as an empty HTML element.
            components={{
              // biome-ignore lint/a11y/useAnchorContent: Trans puts the link's words inside
              demo: <a href={demoUrl} target="_blank" rel="noreferrer" />,
            }}
          />
        </p>
      )}
      {me.role === 'admin' && (
        <p>
          <Trans
            t={t}
            i18nKey="empty.channel"
            components={{ settings: <Link to="/settings/integrations" /> }}
          />
        </p>
      )}
    </div>
  );
}
