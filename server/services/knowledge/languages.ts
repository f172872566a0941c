import type { KnowledgeLanguage } from '../../db/schema';

/**
 * The text search configuration an article's passages are indexed with (migration 0020: each
 * folds accents before its language's stemmer); `kb_simple` for a language without a stemmer.
 */
export const SEARCH_CONFIG: Record<KnowledgeLanguage, string> = {
  en: 'kb_en',
  pt: 'kb_pt',
  es: 'kb_es',
  other: 'kb_simple',
};
