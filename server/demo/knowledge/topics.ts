/**
 * The demo knowledge base's shape: the help centre of the demo workspace's business (an
 * internet TV provider, "Demo TV", with its apps, its TV box and its support team; see
 * server/demo/seed.ts). Each topic is written in at least two of English, Portuguese and
 * Spanish, as separate articles with their own slugs, because a customer is answered in the
 * language they wrote in (the evaluation set, tests/knowledge-eval/, expects exactly that).
 */
export type DemoLanguage = 'en' | 'pt' | 'es';

/** What an article is about, shared by its translations (the evaluation reports by it). */
export type DemoTopic =
  | 'plans'
  | 'payment-methods'
  | 'payment-declined'
  | 'smart-tv'
  | 'mobile-app'
  | 'password'
  | 'buffering'
  | 'cancellation'
  | 'support-hours'
  | 'box-shipping'
  | 'box-warranty'
  | 'screens';

export interface DemoArticle {
  /** Unique in the workspace; the evaluation set names articles by it. */
  slug: string;
  title: string;
  language: DemoLanguage;
  topic: DemoTopic;
  /** Markdown; each `##` section becomes a passage of its own when indexed. */
  body: string;
}
