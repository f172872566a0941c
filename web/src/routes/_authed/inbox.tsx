import { createFileRoute } from '@tanstack/react-router';
import { InboxLayout } from './inbox/-components/inbox-layout';
import { listInput, parseInboxSearch } from './inbox/-components/search';

/** The inbox: the live conversation list on the left, the open conversation beside it. */
export const Route = createFileRoute('/_authed/inbox')({
  validateSearch: parseInboxSearch,
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    const user = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions());
    await context.queryClient.ensureQueryData(
      context.trpc.conversations.list.queryOptions(listInput(deps, user)),
    );
  },
  component: InboxLayout,
});
