import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, sql } from '../server/db/client';
import { chatbots } from '../server/db/schema';
import { makeChatbot } from './factories/chatbot';
import { makeWorkspace } from './factories/workspace';

/** Migration 0020's FAQ step: the statement that turns chatbots' FAQ entries into articles. */
const faqStep = readFileSync(new URL('../drizzle/0020_knowledge.sql', import.meta.url), 'utf8')
  .split('--> statement-breakpoint')
  .find((s) => /^DO \$\$/m.test(s) && s.includes('knowledge_articles'))!;

describe('migration 0020: FAQ entries become knowledge articles', () => {
  it('makes a linked "<chatbot> FAQ" collection with one published, searchable article per entry', async () => {
    const { admin } = await makeWorkspace();
    const bot = await makeChatbot(admin, { name: 'Shop bot' });
    // Written as a chatbot was before this migration: straight into the column (an API write
    // now makes the FAQ's articles itself, server/services/knowledge/faq.ts).
    await db
      .update(chatbots)
      .set({
        faq: [
          { keywords: ['reembolso', 'devolução'], answer: 'O reembolso cai em até 7 dias.' },
          { keywords: ['horário'], answer: 'Atendemos das 8h às 20h.' },
        ],
      })
      .where(eq(chatbots.uuid, String(bot.id)));
    const conn = await sql.reserve();
    try {
      await conn`begin`;
      await conn.unsafe(faqStep);
      const articles = await conn<
        {
          name: string;
          linked: boolean;
          title: string;
          body: string;
          status: string;
          source: string;
          passages: number;
          indexed: number | null;
        }[]
      >`
        select c.name, exists (select 1 from chatbot_knowledge k join chatbots b on b.id = k.chatbot_id
            where b.uuid = ${bot.id} and k.collection_id = c.id) as linked,
          a.title, a.body, a.status, a.source, a.indexed_revision as indexed,
          (select count(*)::int from knowledge_passages p where p.article_id = a.id) as passages
        from knowledge_articles a join knowledge_collections c on c.id = a.collection_id
        where a.workspace_id = ${admin.workspaceId} order by a.id`;
      expect(articles).toEqual([
        {
          name: 'Shop bot FAQ',
          linked: true,
          title: 'reembolso',
          body: 'O reembolso cai em até 7 dias.\n\nKeywords: reembolso, devolução',
          status: 'published',
          source: 'faq',
          passages: 1,
          indexed: 1,
        },
        {
          name: 'Shop bot FAQ',
          linked: true,
          title: 'horário',
          body: 'Atendemos das 8h às 20h.\n\nKeywords: horário',
          status: 'published',
          source: 'faq',
          passages: 1,
          indexed: 1,
        },
      ]);
      const [chatbot] = await conn<
        { id: number }[]
      >`select id from chatbots where uuid = ${bot.id}`;
      const hits = await conn<{ title: string }[]>`
        select title from search_knowledge(${admin.workspaceId}, ${chatbot!.id}, 'horario', 3)`;
      expect(hits.map((h) => h.title)).toEqual(['horário']);
      // The faq column stays as it was: the workspace-admin contract still shows it.
      const [kept] = await conn<{ n: number }[]>`
        select jsonb_array_length(faq) as n from chatbots where uuid = ${bot.id}`;
      expect(kept!.n).toBe(2);
    } finally {
      await conn`rollback`;
      conn.release();
    }
  });
});
