import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../../lib/trpc';
import { FlowEditor } from './-components/flow/flow-editor';

/*
 * A chatbot's flow editor (issue 21). The router splits this route's component into its own
 * chunk (autoCodeSplitting), so @xyflow/react loads only when someone opens a flow.
 */
export const Route = createFileRoute('/_authed/settings/chatbots_/$chatbotId/flow')({
  loader: ({ context, params }) =>
    Promise.all([
      context.queryClient.ensureQueryData(
        context.trpc.flows.get.queryOptions({ chatbotId: params.chatbotId }),
      ),
      context.queryClient.ensureQueryData(context.trpc.chatbots.list.queryOptions()),
    ]),
  component: FlowPage,
});

function FlowPage() {
  const { t } = useTranslation('flows');
  const { chatbotId } = Route.useParams();
  const { data: flow } = useSuspenseQuery(trpc.flows.get.queryOptions({ chatbotId }));
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const bot = chatbots.find((b) => b.id === chatbotId || b.id === flow.chatbotId);
  return (
    <div className="page">
      <Link to="/settings/chatbots" className="flow-back">
        {t('page.back')}
      </Link>
      <FlowEditor
        key={flow.chatbotId}
        chatbot={{ id: flow.chatbotId, name: bot?.name ?? t('page.chatbot') }}
        flow={flow}
      />
    </div>
  );
}
