import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { requireRole } from '../../components/require-role';

/** Supervisors and admins: the team's figures and the auto-assignment policy. */
export const Route = createFileRoute('/_authed/supervisor')({
  beforeLoad: () => requireRole('supervisor'),
  component: SupervisorLayout,
});

function SupervisorLayout() {
  const { t } = useTranslation('supervisor');
  return (
    <section className="page" aria-labelledby="supervisor-title">
      <header className="page-header">
        <div>
          <h1 id="supervisor-title">{t('layout.title')}</h1>
          <p>{t('layout.intro')}</p>
        </div>
      </header>
      <nav className="subnav" aria-label={t('layout.sections')}>
        <Link
          to="/supervisor"
          activeOptions={{ exact: true, includeSearch: false }}
          activeProps={{ 'aria-current': 'page' }}
        >
          {t('layout.dashboard')}
        </Link>
        <Link to="/supervisor/assignment" activeProps={{ 'aria-current': 'page' }}>
          {t('layout.assignment')}
        </Link>
      </nav>
      <Outlet />
    </section>
  );
}
