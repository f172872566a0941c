import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CATALOG_SECTIONS } from './catalog/-components/kinds';

/** Servers, devices and applications: the lists contact accounts pick from. */
export const Route = createFileRoute('/_authed/catalog')({
  component: CatalogLayout,
});

function CatalogLayout() {
  const { t } = useTranslation('crm');
  return (
    <section className="page" aria-labelledby="catalog-title">
      <header className="page-header">
        <div>
          <h1 id="catalog-title">{t('catalog.title')}</h1>
          <p>{t('catalog.intro')}</p>
        </div>
      </header>
      <nav className="subnav" aria-label={t('catalog.sections')}>
        {CATALOG_SECTIONS.map((section) => (
          <Link
            key={section.slug}
            to="/catalog/$kind"
            params={{ kind: section.slug }}
            activeProps={{ 'aria-current': 'page' }}
          >
            {t(`catalog.kinds.${section.kind}.title`)}
          </Link>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
