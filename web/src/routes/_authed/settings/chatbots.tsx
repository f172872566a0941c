import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { DataTable } from '../../../components/data-table';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { RowActions, RowButton } from '../../../components/row-actions';
import { SectionHeader } from '../../../components/section-header';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { useRefresh } from '../../../components/use-refresh';
import { trpc } from '../../../lib/trpc';
import { type Chatbot, ChatbotForm } from './-components/chatbot-form';
import { ChatbotTools } from './-components/chatbot-tools';
import { WidgetSnippet } from './-components/widget-snippet';

export const Route = createFileRoute('/_authed/settings/chatbots')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.chatbots.list.queryOptions()),
  component: ChatbotsPage,
});

type Open = { form: Chatbot | 'new' } | { widget: Chatbot };

function ChatbotsPage() {
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const { rows, pagination } = useClientPage(chatbots);
  const [open, setOpen] = useState<Open | null>(null);
  const refresh = useRefresh(trpc.chatbots.pathFilter());
  const remove = useMutation(trpc.chatbots.delete.mutationOptions(refresh));

  return (
    <div className="page">
      <SectionHeader
        title="Chatbots"
        newLabel="New chatbot"
        onNew={() => setOpen({ form: 'new' })}
      />
      <FormError error={remove.error} />
      <DataTable
        caption="Chatbots"
        columns={['Name', 'Model', 'AI replies', 'FAQ', 'Public key']}
        rows={rows}
        cells={(bot) => (
          <>
            <td>
              <TruncatedText text={bot.name} />
            </td>
            <td className="code">{bot.model}</td>
            <td>
              <span className={bot.aiEnabled ? 'badge badge-success' : 'badge'}>
                {bot.aiEnabled ? 'On' : 'Off'}
              </span>
            </td>
            <td className="num">{bot.faq.length}</td>
            <td className="code">
              <TruncatedText text={bot.publicKey} />
            </td>
          </>
        )}
        actions={(bot) => (
          <>
            <Link
              to="/settings/chatbots/$chatbotId/flow"
              params={{ chatbotId: bot.id }}
              className="button button-quiet"
              aria-label={`Flow of ${bot.name}`}
            >
              Flow
            </Link>
            <Link
              to="/settings/chatbots/$chatbotId/tests"
              params={{ chatbotId: bot.id }}
              className="button button-quiet"
              aria-label={`Tests of ${bot.name}`}
            >
              Tests
            </Link>
            <RowButton
              label="Widget"
              name={`Widget snippet of ${bot.name}`}
              onClick={() => setOpen({ widget: bot })}
            />
            <RowActions
              what={`chatbot ${bot.name}`}
              onEdit={() => setOpen({ form: bot })}
              onDelete={() => remove.mutate({ id: bot.id })}
              deleting={remove.isPending}
            />
          </>
        )}
        empty="No chatbots yet."
      />
      <Pagination {...pagination} noun="chatbots" />
      <ChatbotTools chatbots={chatbots} />
      {open && 'form' in open && (
        <ChatbotForm
          chatbot={open.form === 'new' ? undefined : open.form}
          onClose={() => setOpen(null)}
        />
      )}
      {open && 'widget' in open && (
        <WidgetSnippet chatbot={open.widget} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
