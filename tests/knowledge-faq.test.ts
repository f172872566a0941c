import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { chatbotKnowledge, chatbots, knowledgeArticles } from '../server/db/schema';
import { faqKeywordNamed } from '../server/services/knowledge/faq';
import { searchKnowledge } from '../server/services/knowledge/retrieval';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { serverForThisFile } from './helpers/server';

serverForThisFile();

const faqArticles = (workspaceId: number) =>
  db
    .select()
    .from(knowledgeArticles)
    .where(
      and(eq(knowledgeArticles.workspaceId, workspaceId), eq(knowledgeArticles.source, 'faq')),
    );

describe('FAQ entries written through the API', () => {
  it('become the chatbot’s FAQ articles, answerable at once, and follow every later write', async () => {
    const { workspace, admin } = await makeWorkspace();
    const bot = await callerFor(admin).chatbots.create({
      name: 'Pizza bot',
      faq: [{ keywords: ['opening hours', 'open'], answer: 'We are open from 11 to 23.' }],
    });
    const [row] = await db
      .select()
      .from(chatbots)
      .where(eq(chatbots.uuid, String(bot.id)));
    const [article] = await faqArticles(workspace.id);
    expect(article).toMatchObject({ title: 'opening hours', status: 'published', source: 'faq' });
    expect(article!.body).toBe('We are open from 11 to 23.\n\nKeywords: opening hours, open');
    const links = await db
      .select()
      .from(chatbotKnowledge)
      .where(eq(chatbotKnowledge.chatbotId, row!.id));
    expect(links.map((l) => [l.chatbotId, l.collectionId])).toEqual([
      [row!.id, article!.collectionId],
    ]);
    // Indexed in the write's own transaction: searchable with no worker running.
    const hits = await searchKnowledge({
      workspaceId: workspace.id,
      chatbotId: row!.id,
      query: 'when are you open?',
    });
    expect(hits[0]?.articleId).toBe(article!.id);
    // A question naming a keyword is answered as the FAQ answered it, whatever the rank's score.
    expect(faqKeywordNamed(hits[0]!, 'Are you OPEN on Sundays?')).toBe(true);
    expect(faqKeywordNamed(hits[0]!, 'When do you close? Your opening hours please')).toBe(true);
    expect(faqKeywordNamed(hits[0]!, 'Is it openly sold?')).toBe(false);
    expect(faqKeywordNamed({ ...hits[0]!, slug: 'opening-hours' }, 'open?')).toBe(false);

    await callerFor(admin).chatbots.update({
      id: bot.id,
      patch: { faq: [{ keywords: ['delivery'], answer: 'Delivery takes 30 minutes.' }] },
    });
    const replaced = await faqArticles(workspace.id);
    expect(replaced.map((a) => a.title)).toEqual(['delivery']);
    expect(replaced[0]!.collectionId).toBe(article!.collectionId);

    await callerFor(admin).chatbots.update({ id: bot.id, patch: { faq: [] } });
    expect(await faqArticles(workspace.id)).toEqual([]);
    // A write that leaves the FAQ alone leaves its articles alone.
    await callerFor(admin).chatbots.update({
      id: bot.id,
      patch: { faq: [{ keywords: ['menu'], answer: 'See the menu on our site.' }] },
    });
    await callerFor(admin).chatbots.update({ id: bot.id, patch: { name: 'Pizza bot 2' } });
    expect((await faqArticles(workspace.id)).map((a) => a.title)).toEqual(['menu']);
  });
});
