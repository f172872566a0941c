import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import '../../styles/knowledge.css';

/** What the bots answer from: collections of articles and documents, and a box to try them. */
export const Route = createFileRoute('/_authed/knowledge')({
  component: KnowledgeLayout,
});

function KnowledgeLayout() {
  const { t } = useTranslation('knowledge');
  return (
    <section className="page" aria-labelledby="knowledge-title">
      <header className="page-header">
        <div>
          <h1 id="knowledge-title">{t('layout.title')}</h1>
          <p>{t('layout.intro')}</p>
        </div>
      </header>
      <nav className="subnav" aria-label={t('layout.sections')}>
        <Link
          to="/knowledge"
          activeOptions={{ exact: true }}
          activeProps={{ 'aria-current': 'page' }}
        >
          {t('layout.collections')}
        </Link>
        <Link to="/knowledge/try" activeProps={{ 'aria-current': 'page' }}>
          {t('layout.try')}
        </Link>
      </nav>
      <Outlet />
    </section>
  );
}
