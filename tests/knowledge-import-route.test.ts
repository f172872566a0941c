import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../server/db/client';
import { knowledgeArticles, type User } from '../server/db/schema';
import { exportKnowledge } from '../server/services/knowledge/transfer';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { actorOf, tokenFor } from './helpers/auth';
import { serverForThisFile } from './helpers/server';

// POST /api/knowledge/import: a knowledge file past tRPC's 1 MB body (docs/api.md).

const srv = serverForThisFile();

let supervisor: User;
let agent: User;

beforeAll(async () => {
  const { admin } = await makeWorkspace();
  supervisor = await makeUser(admin.workspaceId, { role: 'supervisor' });
  agent = await makeUser(admin.workspaceId, { role: 'agent' });
});

async function importFile(user: User, body: string, type = 'application/json') {
  const res = await fetch(`${srv.url}/api/knowledge/import`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${await tokenFor(user)}` },
    body,
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it was answered
  return { status: res.status, body: (await res.json()) as any };
}

const articlesOf = async (user: User) => {
  const [row] = await db
    .select({ n: count() })
    .from(knowledgeArticles)
    .where(eq(knowledgeArticles.workspaceId, user.workspaceId));
  return row!.n;
};

/** A knowledge file of `n` articles of about 1 kB each. */
const fileOf = (collection: string, n: number, body = 'Turn the dial slowly. '.repeat(48)) =>
  JSON.stringify({
    format: 'support-inbox/knowledge',
    version: 1,
    collections: [
      {
        name: collection,
        articles: Array.from({ length: n }, (_, i) => ({
          title: `Manual part ${i}`,
          body,
          language: 'en',
        })),
      },
    ],
  });

describe('POST /api/knowledge/import', () => {
  it('imports an export past the 1 MB the tRPC import can read, and round-trips it', async () => {
    const file = fileOf('Manuals', 1_200);
    expect(Buffer.byteLength(file)).toBeGreaterThan(1.2 * 1_048_576);
    const trpc = await fetch(`${srv.url}/trpc/knowledge.import`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor(supervisor)}`,
      },
      body: file,
    });
    expect(trpc.status).toBe(413);
    const before = await articlesOf(supervisor);
    const res = await importFile(supervisor, file);
    expect(res).toEqual({ status: 200, body: { collections: 1, created: 1_200, updated: 0 } });
    expect(await articlesOf(supervisor)).toBe(before + 1_200);
    const exported = await exportKnowledge(actorOf(supervisor));
    const again = await importFile(supervisor, JSON.stringify(exported));
    expect(again).toEqual({ status: 200, body: { collections: 1, created: 0, updated: 1_200 } });
  });

  it('refuses an agent, a file that is not one, bad JSON and a non-JSON body, writing nothing', async () => {
    const before = await articlesOf(supervisor);
    expect((await importFile(agent, fileOf('Agents', 1))).status).toBe(403);
    const wrong = await importFile(supervisor, JSON.stringify({ format: 'other', version: 1 }));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect((await importFile(supervisor, '{"format": ')).status).toBe(400);
    expect((await importFile(supervisor, fileOf('Text', 1), 'text/plain')).status).toBe(415);
    // A file whose second article is invalid: the first is not written either.
    const half = JSON.parse(fileOf('Half', 2));
    half.collections[0].articles[1].title = '';
    expect((await importFile(supervisor, JSON.stringify(half))).status).toBe(400);
    expect(await articlesOf(supervisor)).toBe(before);
  });
});
