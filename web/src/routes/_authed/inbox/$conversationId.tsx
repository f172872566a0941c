import { createFileRoute } from '@tanstack/react-router';
import { conversationRef } from './-components/conversation-ref';
import { ConversationError, ConversationScreen } from './-components/conversation-screen';

export const Route = createFileRoute('/_authed/inbox/$conversationId')({
  loader: async ({ context, params }) => {
    const input = { conversationId: conversationRef(params.conversationId) };
    await Promise.all([
      context.queryClient.ensureQueryData(context.trpc.conversations.get.queryOptions(input)),
      context.queryClient.ensureQueryData(context.trpc.conversations.thread.queryOptions(input)),
    ]);
  },
  component: ConversationPage,
  errorComponent: ConversationError,
});

function ConversationPage() {
  const { conversationId } = Route.useParams();
  // A fresh screen per conversation: drafts, typing and scroll never leak between them.
  return <ConversationScreen key={conversationId} id={conversationRef(conversationId)} />;
}
