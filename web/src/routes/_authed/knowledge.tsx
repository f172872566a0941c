import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import '../../styles/knowledge.css';

/** What the bots answer from: collections of articles and documents, and a box to try them. */
export const Route = createFileRoute('/_authed/knowledge')({
  component: KnowledgeLayout,
});

function KnowledgeLayout() {
  return (
    <section className="page" aria-labelledby="knowledge-title">
      <header className="page-header">
        <div>
          <h1 id="knowledge-title">Knowledge</h1>
          <p>Articles and documents the chatbots answer from, grouped in collections.</p>
        </div>
      </header>
      <nav className="subnav" aria-label="Knowledge sections">
        <Link
          to="/knowledge"
          activeOptions={{ exact: true }}
          activeProps={{ 'aria-current': 'page' }}
        >
          Collections
        </Link>
        <Link to="/knowledge/try" activeProps={{ 'aria-current': 'page' }}>
          Try it
        </Link>
      </nav>
      <Outlet />
    </section>
  );
}
