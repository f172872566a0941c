import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { textParam } from '../../../components/search-params';
import { trpc } from '../../../lib/trpc';
import { TestsTab } from './-components/bot-tests/tests-tab';

/*
 * A chatbot's bot test suite (issue 21): its cases, runs against the draft, their history and
 * the publish gate. `?case=` points out one case (a link from a conversation made it).
 */
export const Route = createFileRoute('/_authed/settings/chatbots_/$chatbotId/tests')({
  validateSearch: (s: Record<string, unknown>): { case?: string } => ({ case: textParam(s.case) }),
  loader: ({ context, params }) => {
    const chatbotId = params.chatbotId;
    const { queryClient, trpc } = context;
    return Promise.all([
      queryClient.ensureQueryData(trpc.chatbots.get.queryOptions({ id: chatbotId })),
      queryClient.ensureQueryData(trpc.botTests.list.queryOptions({ chatbotId })),
      queryClient.ensureQueryData(trpc.botTests.runs.queryOptions({ chatbotId })),
      queryClient.ensureQueryData(trpc.botTests.settings.queryOptions({ chatbotId })),
      queryClient.ensureQueryData(trpc.auth.me.queryOptions()),
    ]);
  },
  component: TestsPage,
});

function TestsPage() {
  const { t } = useTranslation('botTests');
  const { chatbotId } = Route.useParams();
  const search = Route.useSearch();
  const { data: bot } = useSuspenseQuery(trpc.chatbots.get.queryOptions({ id: chatbotId }));
  const { data: me } = useSuspenseQuery(trpc.auth.me.queryOptions());
  return (
    <div className="page">
      {/* The chatbots list is the admins'; a supervisor came from a conversation. */}
      {me.role === 'admin' && (
        <Link to="/settings/chatbots" className="bot-tests-back">
          {t('page.back')}
        </Link>
      )}
      <TestsTab
        key={chatbotId}
        chatbot={{ id: chatbotId, name: bot.name }}
        admin={me.role === 'admin'}
        highlight={search.case}
      />
    </div>
  );
}
