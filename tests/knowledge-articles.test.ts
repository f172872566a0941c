import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../server/auth/actor';
import { db } from '../server/db/client';
import { knowledgeArticles, knowledgePassages, type User } from '../server/db/schema';
import {
  createArticle,
  deleteArticle,
  slugOf,
  updateArticle,
} from '../server/services/knowledge/articles';
import { deleteCollection, renameCollection } from '../server/services/knowledge/collections';
import { indexArticle } from '../server/services/knowledge/indexing';
import { PASSAGE_CHARS, splitIntoPassages } from '../server/services/knowledge/passages';
import { makeArticle, makeCollection } from './factories/knowledge';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';
import { eventually, runWorker } from './helpers/worker';

let actor: Actor;
let agent: User;
let collectionId: number;

beforeAll(async () => {
  const { workspace, admin } = await makeWorkspace();
  actor = actorOf(admin);
  agent = await makeUser(workspace.id, { role: 'agent' });
  collectionId = (await makeCollection(actor)).id;
});

const passagesOf = (articleId: number) =>
  db
    .select()
    .from(knowledgePassages)
    .where(eq(knowledgePassages.articleId, articleId))
    .orderBy(knowledgePassages.position);

async function indexJobs(articleId: number): Promise<number> {
  const [row] = (await db.execute(sql`
    select count(*)::int as n from graphile_worker._private_jobs
    where key = ${`knowledge-index:${articleId}`}`)) as unknown as [{ n: number }];
  return row!.n;
}

describe('splitting markdown into passages', () => {
  it('splits by headings, each passage carrying its heading', () => {
    const passages = splitIntoPassages(
      'Intro line.\n\n# Refunds\n\nWithin 7 days.\n\n## By card\n\nTwo invoices.\n\n```\n# not a heading\n```',
    );
    expect(passages.map((p) => [p.heading, p.text])).toEqual([
      ['', 'Intro line.'],
      ['Refunds', 'Within 7 days.'],
      ['By card', 'Two invoices.\n\n```\n# not a heading\n```'],
    ]);
  });

  it('cuts a long section on paragraph boundaries, about PASSAGE_CHARS each', () => {
    const paragraph = (n: number) => `Paragraph ${n} ${'word '.repeat(60).trim()}.`;
    const body = `# Long\n\n${Array.from({ length: 10 }, (_, i) => paragraph(i)).join('\n\n')}`;
    const passages = splitIntoPassages(body);
    expect(passages.length).toBeGreaterThan(2);
    for (const p of passages) {
      expect(p.heading).toBe('Long');
      expect(p.text.length).toBeLessThanOrEqual(PASSAGE_CHARS);
      expect(p.text).toMatch(/^Paragraph \d+ /);
      expect(p.text).toMatch(/\.$/);
    }
    expect(passages.map((p) => p.position)).toEqual(passages.map((_, i) => i));
  });

  it('cuts one paragraph longer than a passage at sentence ends', () => {
    const sentence = `This sentence has a few words in it ${'and more '.repeat(8)}.`;
    const passages = splitIntoPassages(sentence.repeat(20));
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(PASSAGE_CHARS);
  });
});

describe('articles', () => {
  it('derives a slug from the title, unique in the workspace', async () => {
    expect(slugOf('Política de Reembolso!')).toBe('politica-de-reembolso');
    const a = await createArticle(actor, { collectionId, title: 'Horário de atendimento' });
    const b = await createArticle(actor, { collectionId, title: 'Horário de atendimento' });
    expect(a.slug).toBe('horario-de-atendimento');
    expect(b.slug).toBe('horario-de-atendimento-2');
    await expect(
      createArticle(actor, { collectionId, title: 'Other', slug: a.slug }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('bumps the revision on every edit and enqueues the index job in the same transaction', async () => {
    const article = await createArticle(actor, {
      collectionId,
      title: 'Delivery times',
      body: 'Two days.',
      status: 'published',
    });
    expect(article.revision).toBe(1);
    expect(await indexJobs(article.id)).toBe(1);
    const edited = await updateArticle(actor, article.id, { body: 'Three days.' });
    expect(edited.revision).toBe(2);
    // The job key keeps one pending job per article.
    expect(await indexJobs(article.id)).toBe(1);
    // An edit rolled back leaves neither a revision nor a job.
    const other = await createArticle(actor, { collectionId, title: 'Rolled back' });
    await expect(
      db.transaction(async (tx) => {
        await updateArticle(actor, other.id, { status: 'published' }, tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const [row] = await db
      .select()
      .from(knowledgeArticles)
      .where(eq(knowledgeArticles.id, other.id));
    expect(row!.revision).toBe(1);
    expect(await indexJobs(other.id)).toBe(0);
  });

  it('the job replaces the passages whole, skips a revision already indexed, and clears a draft', async () => {
    const article = await makeArticle(actor, {
      collectionId,
      body: '# One\n\nFirst.\n\n# Two\n\nSecond.',
    });
    const first = await passagesOf(article.id);
    expect(first.map((p) => p.heading)).toEqual(['One', 'Two']);
    expect(await indexArticle(article.id)).toEqual({
      outcome: 'current',
      revision: 1,
      withoutVectors: 0,
    });
    expect((await passagesOf(article.id)).map((p) => p.id)).toEqual(first.map((p) => p.id));

    await updateArticle(actor, article.id, { body: '# Three\n\nThird.' });
    // Until the job runs, search reads the old passages (never none, never a mix).
    expect((await passagesOf(article.id)).map((p) => p.heading)).toEqual(['One', 'Two']);
    expect(await indexArticle(article.id)).toMatchObject({ outcome: 'indexed', revision: 2 });
    const second = await passagesOf(article.id);
    expect(second.map((p) => [p.heading, p.revision])).toEqual([['Three', 2]]);

    await updateArticle(actor, article.id, { status: 'draft' });
    expect(await passagesOf(article.id)).toEqual([]);
    expect(await indexArticle(article.id)).toEqual({ outcome: 'removed' });
    await deleteArticle(actor, article.id);
    expect(await indexArticle(article.id)).toEqual({ outcome: 'gone' });
  });

  it('the worker runs knowledge-index for a published article', async () => {
    const worker = await runWorker();
    try {
      const article = await createArticle(actor, {
        collectionId,
        title: 'Worker indexed',
        body: 'Indexed by the worker.',
        status: 'published',
      });
      const [row] = await eventually(async () => {
        const rows = await db
          .select()
          .from(knowledgeArticles)
          .where(eq(knowledgeArticles.id, article.id));
        return rows[0]?.indexedRevision === 1 ? rows : null;
      });
      expect(row!.indexedRevision).toBe(1);
      expect((await passagesOf(article.id)).map((p) => p.text)).toEqual(['Indexed by the worker.']);
    } finally {
      await worker.stop();
    }
  });

  it('a collection renamed to a taken name is a conflict; deleted, it takes its passages along', async () => {
    const a = await makeCollection(actor);
    const b = await makeCollection(actor);
    await expect(renameCollection(actor, b.id, { name: a.name })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const article = await makeArticle(actor, { collectionId: b.id });
    expect(await passagesOf(article.id)).toHaveLength(1);
    await deleteCollection(actor, b.id);
    expect(await passagesOf(article.id)).toEqual([]);
  });
});

describe('the knowledge router', () => {
  it('lets agents read and refuses them writes', async () => {
    const article = await makeArticle(actor, { collectionId, title: 'Readable' });
    const asAgent = callerFor(agent);
    expect((await asAgent.knowledge.articles.get({ id: article.uuid })).title).toBe('Readable');
    const list = await asAgent.knowledge.articles.list({ collectionId, status: 'published' });
    expect(list.data.some((a) => a.id === article.id)).toBe(true);
    expect(list.data.every((a) => !('body' in a))).toBe(true);
    const refused = asAgent.knowledge.articles.update({ id: article.id, patch: { title: 'No' } });
    await expect(refused).rejects.toBeInstanceOf(TRPCError);
    await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asAgent.knowledge.collections.create({ name: 'No' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
