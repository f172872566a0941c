import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../../components/data-table';
import { SelectField } from '../../../../components/form-controls';
import { deleteStateOf, RowActions } from '../../../../components/row-actions';
import { SectionHeader } from '../../../../components/section-header';
import { TruncatedText } from '../../../../components/truncated-text';
import { useRefresh } from '../../../../components/use-refresh';
import { trpc } from '../../../../lib/trpc';
import type { Chatbot } from './chatbot-form';
import { type ChatbotTool, ChatbotToolForm } from './chatbot-tools-form';

/**
 * The "Tools" card of the chatbots page: the HTTP APIs one chatbot's model may call, beside
 * its built-in tools (remember a fact, hand off to a person).
 */
export function ChatbotTools({ chatbots }: { chatbots: Chatbot[] }) {
  const [chosen, setChosen] = useState<string>();
  const chatbotId = chosen ?? chatbots[0]?.id;
  const { t } = useTranslation('settings');
  const [open, setOpen] = useState<ChatbotTool | 'new' | null>(null);
  const tools = useQuery({
    ...trpc.botTools.list.queryOptions({ chatbotId: chatbotId ?? '' }),
    enabled: chatbotId !== undefined,
  });
  const remove = useMutation(
    trpc.botTools.delete.mutationOptions(useRefresh(trpc.botTools.pathFilter())),
  );
  if (!chatbotId) return null;

  return (
    <section className="section" aria-label={t('tools.title')}>
      <SectionHeader
        title={t('tools.title')}
        newLabel={t('tools.new')}
        onNew={() => setOpen('new')}
      />
      <p className="field-hint">{t('tools.intro')}</p>
      <SelectField
        label={t('tools.chatbot')}
        name="toolsChatbot"
        value={chatbotId}
        onChange={(e) => setChosen(e.currentTarget.value)}
      >
        {chatbots.map((bot) => (
          <option key={bot.id} value={bot.id}>
            {bot.name}
          </option>
        ))}
      </SelectField>
      <DataTable
        caption={t('tools.title')}
        columns={[
          t('tools.columns.name'),
          t('tools.columns.call'),
          t('tools.columns.headers'),
          t('tools.columns.enabled'),
        ]}
        rows={tools.data ?? []}
        cells={(tool) => (
          <>
            <td className="code">
              <TruncatedText text={tool.name} />
            </td>
            <td className="code">
              <TruncatedText text={`${tool.method} ${tool.urlTemplate}`} />
            </td>
            <td>{tool.headerNames.join(', ') || '—'}</td>
            <td>
              <span className={tool.enabled ? 'badge badge-success' : 'badge'}>
                {tool.enabled ? t('tools.on') : t('tools.off')}
              </span>
            </td>
          </>
        )}
        actions={(tool) => (
          <RowActions
            what={t('tools.row', { name: tool.name })}
            onEdit={() => setOpen(tool)}
            onDelete={() => remove.mutate({ id: tool.id })}
            {...deleteStateOf(remove, tool.id)}
          />
        )}
        empty={tools.isPending ? t('tools.loading') : t('tools.empty')}
      />
      {open && (
        <ChatbotToolForm
          chatbotId={chatbotId}
          tool={open === 'new' ? undefined : open}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
