import { useQuery } from '@tanstack/react-query';
import { visitorLabel } from '../../../../../../shared/contact-label';
import { formatDateTime } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';
import { CHANNEL_LABEL } from './channel-icon';
import { ContactAccounts } from './contact-accounts';
import { ContactNotes } from './contact-notes';
import { ContactTags } from './contact-tags';
import { CopilotPanel } from './copilot-panel';
import { MakeTestCase } from './make-test-case';
import { PreviousConversations } from './previous-conversations';
import type { Conversation } from './use-conversation-actions';
import type { DetailsPane } from './use-details-pane';
import { VariablesPanel } from './variables-panel';

/**
 * Who the customer is and what we know: contact, tags, notes, accounts, previous
 * conversations, variables.
 */
export function SidePanel({ c, details }: { c: Conversation; details: DetailsPane }) {
  const contact = c.contact;
  return (
    <aside
      className="side-panel"
      aria-label="Contact and conversation details"
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
          <span aria-hidden="true">←</span> Back to the conversation
        </button>
      </div>
      <section className="panel-section" aria-labelledby="panel-contact">
        <h3 id="panel-contact">Contact</h3>
        {contact ? (
          <dl className="inbox-facts">
            <dt>Name</dt>
            <dd>{contact.name || visitorLabel(contact) || '—'}</dd>
            <dt>Phone</dt>
            <dd>{contact.phone_number ?? '—'}</dd>
            <dt>External id</dt>
            <dd className="inbox-mono">{contact.external_id}</dd>
          </dl>
        ) : (
          <p className="inbox-muted">This conversation has no contact.</p>
        )}
      </section>
      {contact && <ContactTags contactId={contact.id} tags={contact.tags} />}
      {contact && <ContactNotes contactId={contact.id} />}
      {contact && <ContactAccounts contactId={contact.id} />}
      {contact && <PreviousConversations conversationId={c.id} />}
      <CopilotPanel conversationId={c.id} />
      <VariablesPanel conversationId={c.id} editable={c.status !== 'ended'} />
      <MakeTestCase c={c} />
      <section className="panel-section" aria-labelledby="panel-conversation">
        <h3 id="panel-conversation">Conversation</h3>
        <dl className="inbox-facts">
          <dt>Channel</dt>
          <dd>
            {c.channel ? CHANNEL_LABEL[c.channel] : '—'}
            {c.integration ? ` · ${c.integration.name}` : ''}
          </dd>
          <FlowStep conversationId={c.id} />
          <dt>Messages</dt>
          <dd>{c.message_count}</dd>
          <dt>Started</dt>
          <dd>{formatDateTime(c.created_at)}</dd>
          <dt>Last activity</dt>
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
      <dt>Flow step</dt>
      <dd>
        <span className="inbox-mono">{nodeId}</span>
        {label ? ` · ${label}` : ''}
      </dd>
    </>
  );
}
