import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { useClientPage } from '../../../components/use-client-page';
import { trpc } from '../../../lib/trpc';
import { type Chatbot, ChatbotForm } from './-components/chatbot-form';
import { WidgetSnippet } from './-components/widget-snippet';

export const Route = createFileRoute('/_authed/settings/chatbots')({
  loader: ({ context }) =>
    context.queryClient.ensureQueryData(context.trpc.chatbots.list.queryOptions()),
  component: ChatbotsPage,
});

type Open = { form: Chatbot | 'new' } | { widget: Chatbot };

function ChatbotsPage() {
  const queryClient = useQueryClient();
  const { data: chatbots } = useSuspenseQuery(trpc.chatbots.list.queryOptions());
  const { rows, pagination } = useClientPage(chatbots);
  const [open, setOpen] = useState<Open | null>(null);
  const remove = useMutation(
    trpc.chatbots.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.chatbots.pathFilter()),
    }),
  );

  return (
    <div className="page">
      <div className="section-header">
        <h2>Chatbots</h2>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setOpen({ form: 'new' })}
        >
          New chatbot
        </button>
      </div>
      <FormError error={remove.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Chatbots</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Model</th>
              <th scope="col">AI replies</th>
              <th scope="col">FAQ</th>
              <th scope="col">Public key</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((bot) => (
              <tr key={bot.id}>
                <td>{bot.name}</td>
                <td className="code">{bot.model}</td>
                <td>
                  <span className={bot.aiEnabled ? 'badge badge-success' : 'badge'}>
                    {bot.aiEnabled ? 'On' : 'Off'}
                  </span>
                </td>
                <td className="num">{bot.faq.length}</td>
                <td className="code">{bot.publicKey}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Widget snippet of ${bot.name}`}
                    onClick={() => setOpen({ widget: bot })}
                  >
                    Widget
                  </button>
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Edit chatbot ${bot.name}`}
                    onClick={() => setOpen({ form: bot })}
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete chatbot ${bot.name}`}
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate({ id: bot.id })}
                  />
                </td>
              </tr>
            ))}
            {chatbots.length === 0 && (
              <tr>
                <td colSpan={6} className="table-empty">
                  No chatbots yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination {...pagination} noun="chatbots" />
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
