import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { knowledgeArticles, knowledgePassages, type User } from '../server/db/schema';
import { makeCollection } from './factories/knowledge';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor, tokenFor } from './helpers/auth';
import { serverForThisFile } from './helpers/server';
import { eventually, runWorker } from './helpers/worker';

const srv = serverForThisFile();

let supervisor: User;
let agent: User;
let stranger: User;
let collectionId: number;

beforeAll(async () => {
  const { admin } = await makeWorkspace();
  supervisor = await makeUser(admin.workspaceId, { role: 'supervisor' });
  agent = await makeUser(admin.workspaceId, { role: 'agent' });
  stranger = (await makeWorkspace()).admin;
  collectionId = (await makeCollection(actorOf(admin))).id;
});

async function upload(
  user: User | null,
  body: Buffer | string,
  options: { collection?: number | string; query?: string; type?: string } = {},
) {
  const query = options.query ?? 'fileName=guide.md&language=en';
  const res = await fetch(
    `${srv.url}/api/knowledge/collections/${options.collection ?? collectionId}/documents?${query}`,
    {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': options.type ?? 'text/markdown',
        ...(user ? { authorization: `Bearer ${await tokenFor(user)}` } : {}),
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    },
  );
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it was answered
  return { status: res.status, body: (await res.json()) as any };
}

/** Everything an upload could leave behind: articles, passages and index jobs. */
const written = async () => {
  const [articles] = await db.select({ n: count() }).from(knowledgeArticles);
  const [passages] = await db.select({ n: count() }).from(knowledgePassages);
  const [jobs] = (await db.execute(sql`select count(*)::int as n
    from graphile_worker._private_jobs`)) as unknown as [{ n: number }];
  return { articles: articles!.n, passages: passages!.n, jobs: jobs!.n };
};

/** About `bytes` of Markdown: numbered sections, each a heading and a paragraph. */
function markdownOf(bytes: number): string {
  const sections: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const section = `## Section ${i}\n\nStep ${i} of the manual: ${'turn the dial slowly and wait. '.repeat(24)}\n\n`;
    sections.push(section);
    size += section.length;
  }
  return sections.join('');
}

describe('POST /api/knowledge/collections/:id/documents', () => {
  it('accepts a 3 MB Markdown file, past tRPC’s 1 MB body, and the worker indexes it', async () => {
    const markdown = markdownOf(3 * 1024 * 1024);
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(3 * 1024 * 1024);
    const res = await upload(supervisor, markdown, {
      query: 'fileName=manual.md&language=en&title=Dial%20manual',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      collectionId,
      title: 'Dial manual',
      source: 'document',
      fileName: 'manual.md',
      status: 'published',
      language: 'en',
      indexing: true,
    });
    expect(res.body.body).toHaveLength(markdown.trim().length);
    // The console's shape: no workspace id, no revision counters.
    expect(Object.keys(res.body)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/workspace|revision/i)]),
    );

    const worker = await runWorker();
    try {
      const article = await eventually(async () => {
        const [row] = await db
          .select()
          .from(knowledgeArticles)
          .where(eq(knowledgeArticles.id, res.body.id));
        return row && row.indexedRevision === row.revision ? row : undefined;
      }, 60_000);
      const passages = await db
        .select({ heading: knowledgePassages.heading })
        .from(knowledgePassages)
        .where(eq(knowledgePassages.articleId, article.id));
      expect(passages.length).toBeGreaterThan(1000);
      expect(passages.some((p) => p.heading === 'Section 3000')).toBe(true);
    } finally {
      await worker.stop();
    }
    const listed = await callerFor(supervisor).knowledge.articles.list({ collectionId });
    expect(listed.data.find((a) => a.id === res.body.id)).toMatchObject({ indexing: false });
  });

  it('answers a file past 5 MB with a 413 and writes nothing', async () => {
    const before = await written();
    const res = await upload(supervisor, Buffer.alloc(6 * 1024 * 1024, 'a'));
    expect(res).toEqual({
      status: 413,
      body: {
        statusCode: 413,
        message: 'The document is larger than 5 MB, the most a document may be',
        error: 'Payload Too Large',
      },
    });
    expect(await written()).toEqual(before);
  });

  it('answers a corrupt PDF with a 400 that says so, and writes nothing', async () => {
    const before = await written();
    const res = await upload(supervisor, '%PDF-1.4\nthis is not really a PDF', {
      query: 'fileName=manual.pdf',
      type: 'application/pdf',
    });
    expect(res).toEqual({
      status: 400,
      body: { statusCode: 400, message: ['The PDF could not be read'], error: 'Bad Request' },
    });
    const unnamed = await upload(supervisor, '# Guide', { query: 'language=en' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.message.join(' ')).toMatch(/fileName/);
    const form = await upload(supervisor, '--x\r\n\r\n# Guide\r\n--x--', {
      type: 'multipart/form-data; boundary=x',
    });
    expect(form.status).toBe(415);
    expect(await written()).toEqual(before);
  });

  it('is for supervisors and admins of the collection’s workspace only', async () => {
    const before = await written();
    expect((await upload(null, '# Guide')).status).toBe(401);
    const asAgent = await upload(agent, '# Guide');
    expect(asAgent).toMatchObject({ status: 403, body: { statusCode: 403 } });
    // Another workspace's collection is one that does not exist, for an admin as for anyone.
    const foreign = await upload(stranger, '# Guide');
    expect(foreign).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'Collection not found', error: 'Not Found' },
    });
    expect((await upload(stranger, '# Guide', { collection: 2_000_000_000 })).status).toBe(404);
    expect(await written()).toEqual(before);
  });

  it('reads a small file the same way as the tRPC procedure does', async () => {
    const res = await upload(supervisor, '\uFEFF# Returns\n\nWithin 30 days.', {
      query: 'fileName=returns-policy.md&status=draft',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'returns policy',
      body: '# Returns\n\nWithin 30 days.',
      status: 'draft',
      language: 'other',
      indexing: false,
    });
  });
});
