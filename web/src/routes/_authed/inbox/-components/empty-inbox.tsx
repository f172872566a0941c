import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { SessionUser } from '../../../../lib/session';
import { trpc } from '../../../../lib/trpc';

/**
 * A view with no conversations: where they come from, and a way to make one. The widget demo
 * page (served by the API, not a console route) embeds the workspace's first chatbot, so
 * writing there as a customer brings a conversation in; admins also get the channel settings.
 */
export function EmptyInbox({ me }: { me: SessionUser }) {
  const { data: chatbots } = useQuery(trpc.chatbots.list.queryOptions());
  const publicKey = chatbots?.[0]?.publicKey;
  const demoUrl = publicKey ? `/widget-demo?publicKey=${encodeURIComponent(publicKey)}` : null;
  return (
    <div className="conv-list-state">
      <p className="conv-list-empty-title">Nothing here</p>
      <p>
        No conversation matches this view. New ones appear here as customers write, on your
        website's chat or on WhatsApp.
      </p>
      {demoUrl && (
        <p>
          <a href={demoUrl} target="_blank" rel="noreferrer">
            Open the widget demo page
          </a>{' '}
          and write as a customer to see one arrive.
        </p>
      )}
      {me.role === 'admin' && (
        <p>
          <Link to="/settings/integrations">Connect a channel</Link> (the website widget, WhatsApp)
          in the channel settings.
        </p>
      )}
    </div>
  );
}
