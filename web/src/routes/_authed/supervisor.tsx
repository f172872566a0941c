import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { requireRole } from '../../components/require-role';

/** Supervisors and admins: the team's figures and the auto-assignment policy. */
export const Route = createFileRoute('/_authed/supervisor')({
  beforeLoad: () => requireRole('supervisor'),
  component: SupervisorLayout,
});

function SupervisorLayout() {
  return (
    <section className="page" aria-labelledby="supervisor-title">
      <header className="page-header">
        <div>
          <h1 id="supervisor-title">Supervisor</h1>
          <p>How the team is doing, and how waiting conversations reach agents.</p>
        </div>
      </header>
      <nav className="subnav" aria-label="Supervisor sections">
        <Link
          to="/supervisor"
          activeOptions={{ exact: true, includeSearch: false }}
          activeProps={{ 'aria-current': 'page' }}
        >
          Dashboard
        </Link>
        <Link to="/supervisor/assignment" activeProps={{ 'aria-current': 'page' }}>
          Auto-assignment
        </Link>
      </nav>
      <Outlet />
    </section>
  );
}
