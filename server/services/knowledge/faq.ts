import { and, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { FaqEntry } from '../../db/schema';
import {
  type Chatbot,
  chatbotKnowledge,
  knowledgeArticles,
  knowledgeCollections,
} from '../../db/schema';
import { slugOf } from './articles';
import { indexArticle } from './indexing';

/**
 * A chatbot's FAQ entries (the workspace-admin contract's `faq`, still written by API clients)
 * as published articles of its FAQ collection, as migration 0020 turned the entries it found:
 * title its first keyword, body the answer and then its keywords. The entries replace the
 * chatbot's previous FAQ articles (slugs `faq-<chatbot id>-…`); the collection is made and
 * linked on the first entries and kept when they go. Indexed in the caller's transaction, so the
 * bot answers from them as soon as it commits, worker or not.
 */
export async function syncFaqArticles(chatbot: Chatbot, tx: DbOrTx): Promise<void> {
  await tx.transaction(async (t) => {
    const prefix = `faq-${chatbot.id}-`;
    const previous = await t
      .select({ id: knowledgeArticles.id, collectionId: knowledgeArticles.collectionId })
      .from(knowledgeArticles)
      .where(
        and(
          eq(knowledgeArticles.workspaceId, chatbot.workspaceId),
          eq(knowledgeArticles.source, 'faq'),
          like(knowledgeArticles.slug, `${prefix}%`),
        ),
      );
    for (const article of previous)
      await t.delete(knowledgeArticles).where(eq(knowledgeArticles.id, article.id));
    const entries = chatbot.faq.filter((e) => e.answer.trim() !== '');
    if (entries.length === 0) return;
    const collectionId = previous[0]?.collectionId ?? (await faqCollection(chatbot, t));
    for (const [i, entry] of entries.entries()) {
      const title = faqTitle(entry);
      const [row] = await t
        .insert(knowledgeArticles)
        .values({
          workspaceId: chatbot.workspaceId,
          collectionId,
          slug: `${prefix}${i + 1}-${slugOf(title).slice(0, 60)}`,
          title,
          body: entry.keywords.length
            ? `${entry.answer}\n\nKeywords: ${entry.keywords.join(', ')}`
            : entry.answer,
          language: 'other',
          status: 'published',
          source: 'faq',
        })
        .returning({ id: knowledgeArticles.id });
      await indexArticle(row!.id, t);
    }
  });
}

const faqTitle = (entry: FaqEntry) =>
  (entry.keywords.find((k) => k.trim())?.trim() || entry.answer.trim().slice(0, 60)).slice(0, 200);

/** "<chatbot> FAQ" (with the chatbot's id when the name is taken), linked to the chatbot. */
async function faqCollection(chatbot: Chatbot, tx: DbOrTx): Promise<number> {
  let name = `${chatbot.name.slice(0, 110)} FAQ`;
  const [taken] = await tx
    .select({ id: knowledgeCollections.id })
    .from(knowledgeCollections)
    .where(
      and(
        eq(knowledgeCollections.workspaceId, chatbot.workspaceId),
        eq(knowledgeCollections.name, name),
      ),
    );
  if (taken) name = `${chatbot.name.slice(0, 100)} FAQ ${chatbot.id}`;
  const [row] = await tx
    .insert(knowledgeCollections)
    .values({ workspaceId: chatbot.workspaceId, name })
    .returning({ id: knowledgeCollections.id });
  await tx.insert(chatbotKnowledge).values({ chatbotId: chatbot.id, collectionId: row!.id });
  return row!.id;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Whether a passage is an FAQ article's and the question names one of its keywords, as the FAQ
 * matched before it became knowledge (a keyword with spaces as a phrase, a single word as a
 * whole word, accents and case ignored): such a hit is relevant whatever its score, so an
 * entry answers every question it answered before its migration.
 */
export function faqKeywordNamed(hit: { slug: string; text: string }, question: string): boolean {
  if (!hit.slug.startsWith('faq-')) return false;
  const line = /\n\nKeywords: ([^\n]*)$/.exec(hit.text)?.[1];
  if (!line) return false;
  const asked = fold(question);
  const words = new Set(asked.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  return line
    .split(',')
    .map((k) => fold(k.trim()))
    .filter(Boolean)
    .some((k) => (k.includes(' ') ? asked.includes(k) : words.has(k)));
}
