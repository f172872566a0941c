import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
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
    <section className="section" aria-label="Tools">
      <SectionHeader title="Tools" newLabel="New tool" onNew={() => setOpen('new')} />
      <p className="field-hint">
        The model may call these APIs while it answers. Every call is shown to agents in the
        conversation, never to the customer. Addresses on private networks are refused unless the
        tool allows the host.
      </p>
      <SelectField
        label="Chatbot"
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
        caption="Tools"
        columns={['Name', 'Call', 'Headers', 'Enabled']}
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
                {tool.enabled ? 'On' : 'Off'}
              </span>
            </td>
          </>
        )}
        actions={(tool) => (
          <RowActions
            what={`tool ${tool.name}`}
            onEdit={() => setOpen(tool)}
            onDelete={() => remove.mutate({ id: tool.id })}
            {...deleteStateOf(remove, tool.id)}
          />
        )}
        empty={
          tools.isPending ? 'Loading…' : 'No tools: the bot can only remember facts and hand off.'
        }
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
