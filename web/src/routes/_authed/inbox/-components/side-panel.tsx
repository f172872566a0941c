import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { visitorLabel } from '../../../../../../shared/contact-label';
import { formatDateTime } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { CHANNEL_LABEL } from './channel-icon';
import { ContactAccounts } from './contact-accounts';
import { ContactNotes } from './contact-notes';
import { ContactTags } from './contact-tags';
import { CopilotPanel } from './copilot-panel';
import { CsatSection } from './csat-section';
import { MakeTestCase } from './make-test-case';
import { PreviousConversations } from './previous-conversations';
import type { Conversation } from './use-conversation-actions';
import type { DetailsPane } from './use-details-pane';
import { VariablesPanel } from './variables-panel';

/**
 * Who the customer is and what we know: contact, tags, notes, accounts, previous
 * conversations, variables, the customer's satisfaction rating.
 */
export function SidePanel({ c, details }: { c: Conversation; details: DetailsPane }) {
  const { t } = useTranslation('csat');
  const contact = c.contact;
  return (
    <aside
      className="side-panel"
      aria-label={t('sidePanel.label')}
      data-open={details.open || undefined}
      onKeyDown={(e) => {
        // Escape closes the opened details, unless a field or a menu inside took it for itself.
        if (e.key !== 'Escape' || !details.open || e.defaultPrevented) return;
        const target = e.target as HTMLElement;
        if (target.closest('input, textarea, select, [role="menu"], [role="listbox"]')) return;
        details.hide();
      }}
    >
      {/* Shown below 1200 px, where the details are a drawer or the whole screen. */}
      <div className="side-panel-bar">
        <button
          type="button"
          className="button button-quiet"
          ref={details.closer}
          onClick={details.hide}
        >
          <span aria-hidden="true">←</span> {t('sidePanel.back')}
        </button>
      </div>
      <section className="panel-section" aria-labelledby="panel-contact">
        <h3 id="panel-contact">{t('sidePanel.contact')}</h3>
        {contact ? (
          <dl className="inbox-facts">
            <dt>{t('sidePanel.name')}</dt>
            <dd>{contact.name || visitorLabel(contact) || '—'}</dd>
            <dt>{t('sidePanel.phone')}</dt>
            <dd>{contact.phone_number ?? '—'}</dd>
            <dt>{t('sidePanel.externalId')}</dt>
            <dd className="inbox-mono">{contact.external_id}</dd>
          </dl>
        ) : (
          <p className="inbox-muted">{t('sidePanel.noContact')}</p>
        )}
      </section>
      {contact && <ContactTags contactId={contact.id} tags={contact.tags} />}
      {contact && <ContactNotes contactId={contact.id} />}
      {contact && <ContactAccounts contactId={contact.id} />}
      {contact && <PreviousConversations conversationId={c.id} />}
      <CopilotPanel conversationId={c.id} />
      <VariablesPanel conversationId={c.id} editable={c.status !== 'ended'} />
      <MakeTestCase c={c} />
      <CsatSection conversationId={c.id} />
      <section className="panel-section" aria-labelledby="panel-conversation">
        <h3 id="panel-conversation">{t('sidePanel.conversation')}</h3>
        <dl className="inbox-facts">
          <dt>{t('sidePanel.channel')}</dt>
          <dd>
            {c.channel ? CHANNEL_LABEL[c.channel] : '—'}
            {c.integration ? ` · ${c.integration.name}` : ''}
          </dd>
          <FlowStep conversationId={c.id} />
          <dt>{t('sidePanel.messages')}</dt>
          <dd>{c.message_count}</dd>
          <dt>{t('sidePanel.started')}</dt>
          <dd>{formatDateTime(c.created_at)}</dd>
          <dt>{t('sidePanel.lastActivity')}</dt>
          <dd>{formatDateTime(c.last_activity_at)}</dd>
        </dl>
      </section>
    </aside>
  );
}

/**
 * Where the customer is in the bot's flow: the conversation's current node (the thread the
 * screen already loaded), named with its label from the chatbot's flow when it has one.
 */
function FlowStep({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation('csat');
  const thread = useQuery(trpc.conversations.thread.queryOptions({ conversationId }));
  const nodeId = thread.data?.currentNodeId ?? null;
  const botId = thread.data?.botId ?? null;
  const flow = useQuery({
    ...trpc.flows.get.queryOptions({ chatbotId: botId ?? '' }),
    enabled: nodeId !== null && botId !== null,
  });
  if (!nodeId) return null;
  const label = flow.data?.draft?.nodes.find((n) => n.id === nodeId)?.label;
  return (
    <>
      <dt>{t('sidePanel.flowStep')}</dt>
      <dd>
        <span className="inbox-mono">{nodeId}</span>
        {label ? ` · ${label}` : ''}
      </dd>
    </>
  );
}
