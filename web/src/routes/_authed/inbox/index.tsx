import { createFileRoute } from '@tanstack/react-router';
import { SetupChecklist } from '../../../components/setup-checklist';

export const Route = createFileRoute('/_authed/inbox/')({
  component: NoConversation,
});

function NoConversation() {
  return (
    <section className="inbox-placeholder" aria-label="No conversation selected">
      <SetupChecklist />
      <p className="inbox-placeholder-title">Pick a conversation</p>
      <p>Choose one from the list. Keyboard shortcuts:</p>
      <dl className="shortcut-list">
        <dt>
          <kbd>j</kbd> <kbd>k</kbd>
        </dt>
        <dd>next / previous conversation</dd>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>search</dd>
        <dt>
          <kbd>a</kbd>
        </dt>
        <dd>assign to me</dd>
        <dt>
          <kbd>e</kbd>
        </dt>
        <dd>end the conversation</dd>
      </dl>
    </section>
  );
}
