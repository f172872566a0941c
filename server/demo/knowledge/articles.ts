import { ENGLISH_ARTICLES } from './en';
import { SPANISH_ARTICLES } from './es';
import { PORTUGUESE_ARTICLES } from './pt';
import type { DemoArticle } from './topics';

/** Every article of the demo help centre, in English, Portuguese and Spanish. */
export const DEMO_ARTICLES: readonly DemoArticle[] = [
  ...ENGLISH_ARTICLES,
  ...PORTUGUESE_ARTICLES,
  ...SPANISH_ARTICLES,
];
