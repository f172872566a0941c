import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { deleteArticle, updateArticle } from '../server/services/knowledge/articles';
import { indexArticle } from '../server/services/knowledge/indexing';
import { makeArticle, makeCollection } from './factories/knowledge';
import { makeWorkspace } from './factories/workspace';
import { actorOf } from './helpers/auth';

/** What knowledge_lexemes holds for two collections, and what a recount from the passages says. */
async function countsOf(collectionIds: number[]) {
  const ids = `{${collectionIds.join(',')}}`;
  const kept = (await db.execute(sql`
    select collection_id, lexeme, passages from knowledge_lexemes
    where collection_id = any(${ids}::int[]) and passages > 0
    order by 1, 2`)) as unknown as { collection_id: number; lexeme: string; passages: number }[];
  const recount = (await db.execute(sql`
    select p.collection_id, l.lexeme, count(*)::int as passages
    from knowledge_passages p cross join lateral unnest(tsvector_to_array(p.search)) l(lexeme)
    where p.collection_id = any(${ids}::int[]) group by 1, 2 order by 1, 2`)) as unknown as {
    collection_id: number;
    lexeme: string;
    passages: number;
  }[];
  const sizes = (await db.execute(sql`
    select k.passage_count as kept, (select count(*)::int from knowledge_passages p
      where p.collection_id = k.id) as recount
    from knowledge_collections k where k.id = any(${ids}::int[]) order by k.id`)) as unknown as {
    kept: number;
    recount: number;
  }[];
  return { kept: [...kept], recount: [...recount], sizes: [...sizes] };
}

describe('the lexeme counts the knowledge search weighs words by', () => {
  it('follow every passage written, moved, re-indexed and deleted, per collection', async () => {
    const { admin } = await makeWorkspace();
    const actor = actorOf(admin);
    const help = await makeCollection(actor);
    const billing = await makeCollection(actor);
    const refunds = await makeArticle(actor, {
      collectionId: help.id,
      title: 'Refunds',
      body: 'Refunds are paid back within five days.\n\n## Cards\n\nCard refunds take longer.',
    });
    const prices = await makeArticle(actor, {
      collectionId: help.id,
      title: 'Prices',
      body: 'Plans start at $9.',
    });
    await indexArticle(refunds.id);
    await indexArticle(prices.id);
    const both = [help.id, billing.id];
    const expectInStep = async () => {
      const counts = await countsOf(both);
      expect(counts.kept).toEqual(counts.recount);
      for (const size of counts.sizes) expect(size.kept).toBe(size.recount);
      return counts;
    };
    expect((await expectInStep()).recount.length).toBeGreaterThan(5);

    await updateArticle(actor, refunds.id, { collectionId: billing.uuid }); // moved
    await expectInStep();
    await updateArticle(actor, refunds.id, { body: 'Money back in ten days, to the same card.' });
    await indexArticle(refunds.id); // re-indexed with other words
    await expectInStep();
    // An embedding written changes no count.
    await db.execute(sql`update knowledge_passages set embedding = '{0.5,0.5}', embedding_model = 'test-model'
      where article_id = ${prices.id}`);
    await expectInStep();
    await deleteArticle(actor, prices.id);
    const after = await expectInStep();
    expect(after.sizes[0]!.kept).toBe(0);
  });
});
