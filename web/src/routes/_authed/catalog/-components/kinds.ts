export type CatalogKind = 'server' | 'device' | 'application';

export const CATALOG_SECTIONS = [
  { slug: 'servers', kind: 'server', title: 'Servers', singular: 'server' },
  { slug: 'devices', kind: 'device', title: 'Devices', singular: 'device' },
  { slug: 'applications', kind: 'application', title: 'Applications', singular: 'application' },
] as const satisfies readonly {
  slug: string;
  kind: CatalogKind;
  title: string;
  singular: string;
}[];

export type CatalogSection = (typeof CATALOG_SECTIONS)[number];
export type CatalogSlug = CatalogSection['slug'];

export const sectionOf = (slug: string): CatalogSection | undefined =>
  CATALOG_SECTIONS.find((s) => s.slug === slug);
