import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authed/inbox')({
  component: InboxPage,
});

function InboxPage() {
  return (
    <section className="page" aria-labelledby="inbox-title">
      <header className="page-header">
        <h1 id="inbox-title">Inbox</h1>
      </header>
      <div className="empty-state">
        <p className="empty-state-title">No conversations yet</p>
        <p>New conversations from the web widget and WhatsApp will appear here.</p>
      </div>
    </section>
  );
}
