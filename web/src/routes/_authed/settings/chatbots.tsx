import { useMutation, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { FormError } from '../../../components/form-error';
import { Pagination } from '../../../components/pagination';
import { RowActions, RowButton } from '../../../components/row-actions';
import { SectionHeader } from '../../../components/section-header';
import { TruncatedText } from '../../../components/truncated-text';
import { useClientPage } from '../../../components/use-client-page';
import { useRefresh } from '../../../components/use-refresh';
import { formatNumber } from '../../../lib/format';
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
  const { t } = useTranslation('settings');

  return (
    <div className="page">
      <SectionHeader
        title={t('chatbots.title')}
        newLabel={t('chatbots.new')}
        onNew={() => setOpen({ form: 'new' })}
      />
      <FormError error={remove.error} />
      <DataTable
        caption={t('chatbots.title')}
        columns={[
          t('chatbots.columns.name'),
          t('chatbots.columns.model'),
          t('chatbots.columns.aiReplies'),
          t('chatbots.columns.faq'),
          t('chatbots.columns.publicKey'),
        ]}
        rows={rows}
        cells={(bot) => (
          <>
            <td>
              <TruncatedText text={bot.name} />
            </td>
            <td className="code">{bot.model}</td>
            <td>
              <span className={bot.aiEnabled ? 'badge badge-success' : 'badge'}>
                {bot.aiEnabled ? t('chatbots.on') : t('chatbots.off')}
              </span>
            </td>
            <td className="num">{formatNumber(bot.faq.length)}</td>
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
              aria-label={t('chatbots.flowOf', { name: bot.name })}
            >
              {t('chatbots.flow')}
            </Link>
            <Link
              to="/settings/chatbots/$chatbotId/tests"
              params={{ chatbotId: bot.id }}
              className="button button-quiet"
              aria-label={t('chatbots.testsOf', { name: bot.name })}
            >
              {t('chatbots.tests')}
            </Link>
            <RowButton
              label={t('chatbots.widget')}
              name={t('chatbots.widgetOf', { name: bot.name })}
              onClick={() => setOpen({ widget: bot })}
            />
            <RowActions
              what={t('chatbots.row', { name: bot.name })}
              onEdit={() => setOpen({ form: bot })}
              onDelete={() => remove.mutate({ id: bot.id })}
              deleting={remove.isPending}
            />
          </>
        )}
        empty={t('chatbots.empty')}
      />
      <Pagination {...pagination} noun={t('chatbots.noun')} />
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
