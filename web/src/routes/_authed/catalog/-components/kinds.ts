export type CatalogKind = 'server' | 'device' | 'application';

/** A section's words are under `crm:catalog.kinds.<kind>` (its title, its noun, its buttons). */
export const CATALOG_SECTIONS = [
  { slug: 'servers', kind: 'server' },
  { slug: 'devices', kind: 'device' },
  { slug: 'applications', kind: 'application' },
] as const satisfies readonly { slug: string; kind: CatalogKind }[];

export type CatalogSection = (typeof CATALOG_SECTIONS)[number];
export type CatalogSlug = CatalogSection['slug'];

export const sectionOf = (slug: string): CatalogSection | undefined =>
  CATALOG_SECTIONS.find((s) => s.slug === slug);
