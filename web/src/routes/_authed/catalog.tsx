import { createFileRoute, Link, Outlet } from '@tanstack/react-router';
import { CATALOG_SECTIONS } from './catalog/-components/kinds';

/** Servers, devices and applications: the lists contact accounts pick from. */
export const Route = createFileRoute('/_authed/catalog')({
  component: CatalogLayout,
});

function CatalogLayout() {
  return (
    <section className="page" aria-labelledby="catalog-title">
      <header className="page-header">
        <div>
          <h1 id="catalog-title">Catalog</h1>
          <p>The servers, devices and applications that contact accounts refer to.</p>
        </div>
      </header>
      <nav className="subnav" aria-label="Catalog sections">
        {CATALOG_SECTIONS.map((section) => (
          <Link
            key={section.slug}
            to="/catalog/$kind"
            params={{ kind: section.slug }}
            activeProps={{ 'aria-current': 'page' }}
          >
            {section.title}
          </Link>
        ))}
      </nav>
      <Outlet />
    </section>
  );
}
