import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../server/auth/actor';
import { db } from '../server/db/client';
import { knowledgeArticles, type User } from '../server/db/schema';
import { DOCUMENT_MAX_BYTES, uploadDocument } from '../server/services/knowledge/documents';
import { exportKnowledge, KNOWLEDGE_FORMAT } from '../server/services/knowledge/transfer';
import { makeArticle, makeCollection } from './factories/knowledge';
import { makeWorkspace } from './factories/workspace';
import { actorOf, callerFor } from './helpers/auth';

let admin: User;
let actor: Actor;
let collectionId: number;

beforeAll(async () => {
  ({ admin } = await makeWorkspace());
  actor = actorOf(admin);
  collectionId = (await makeCollection(actor)).id;
});

const b64 = (content: string | Buffer) => Buffer.from(content).toString('base64');

/** A one-page PDF whose page shows `text` in Helvetica (pdf.js rebuilds the missing xref). */
const pdfWith = (text: string) =>
  [
    '%PDF-1.4',
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R' +
      '/Resources<</Font<</F1 5 0 R>>>>>>endobj',
    `4 0 obj<</Length ${text.length + 30}>>stream`,
    `BT /F1 24 Tf 100 700 Td (${text}) Tj ET`,
    'endstream endobj',
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj',
    'trailer<</Root 1 0 R>>',
    '%%EOF',
  ].join('\n');

const articleCount = async () =>
  (
    await db
      .select({ n: count() })
      .from(knowledgeArticles)
      .where(eq(knowledgeArticles.workspaceId, actor.workspaceId))
  )[0]!.n;

const upload = (fileName: string, content: string | Buffer) =>
  uploadDocument(actor, { collectionId, fileName, contentBase64: b64(content), language: 'en' });

describe('uploaded documents', () => {
  it('reads Markdown and plain text as they are, titled after the file', async () => {
    const md = await upload('returns-policy.md', '# Returns\n\nWithin 30 days.');
    expect(md).toMatchObject({ source: 'document', fileName: 'returns-policy.md' });
    expect(md.title).toBe('returns policy');
    expect(md.body).toBe('# Returns\n\nWithin 30 days.');
    const txt = await upload('hours.txt', '\uFEFFOpen 9 to 5.\r\n');
    expect(txt.body).toBe('Open 9 to 5.');
  });

  it('strips HTML to text, headings kept, scripts dropped', async () => {
    const html = await upload(
      'page.html',
      '<html><head><title>Shipping &amp; delivery</title><style>p{}</style></head><body>' +
        '<h2>Times</h2><p>Two&nbsp;days.<script>alert(1)</script></p><ul><li>Brazil</li><li>Chile</li></ul></body></html>',
    );
    expect(html.title).toBe('Shipping & delivery');
    expect(html.body).toBe('## Times\n\nTwo days.\n\n- Brazil\n- Chile');
  });

  it('reads the text of a PDF', async () => {
    const pdf = await upload('manual.pdf', pdfWith('Hold the power button for ten seconds'));
    expect(pdf.body).toContain('Hold the power button for ten seconds');
  });

  it('refuses with a clear 400 what it cannot read, and writes nothing', async () => {
    const before = await articleCount();
    const cases: [string, string | Buffer, RegExp][] = [
      ['broken.pdf', '%PDF-1.4\nnot really a pdf', /PDF could not be read/],
      ['named.pdf', 'plain words', /named \.pdf but is not a PDF/],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]), /not UTF-8/],
      ['sheet.xlsx', 'PK...', /Only Markdown/],
      ['empty.md', '', /empty/],
      ['blank.pdf', pdfWith(''), /no text/],
      ['huge.txt', Buffer.alloc(DOCUMENT_MAX_BYTES + 1, 0x61), /larger than 5 MB/],
    ];
    for (const [name, content, message] of cases) {
      await expect(upload(name, content), name).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      });
    }
    expect(await articleCount()).toBe(before);
  });
});

describe('import and export', () => {
  it('exports every article and imports the file back into another workspace', async () => {
    await makeArticle(actor, { collectionId, title: 'Exported', body: 'Body.', language: 'pt' });
    const file = await exportKnowledge(actor);
    const exported = file.collections.flatMap((c) => c.articles);
    expect(exported.some((a) => a.title === 'Exported' && a.language === 'pt')).toBe(true);

    const other = await makeWorkspace();
    const result = await callerFor(other.admin).knowledge.import(file);
    expect(result).toMatchObject({ created: exported.length, updated: 0 });
    const again = await callerFor(other.admin).knowledge.import(file);
    expect(again).toMatchObject({ created: 0, updated: exported.length });
    const back = await callerFor(other.admin).knowledge.export();
    expect(back.collections.flatMap((c) => c.articles)).toEqual(exported);
  });

  it('refuses an invalid file with a 400 naming the field, and imports none of it', async () => {
    const before = await articleCount();
    const file = {
      format: KNOWLEDGE_FORMAT,
      version: 1,
      collections: [
        {
          name: 'Imported',
          articles: [
            { title: 'Fine', body: 'Fine.' },
            { title: 'Bad', body: 'Bad.', language: 'klingon' },
          ],
        },
      ],
    };
    await expect(callerFor(admin).knowledge.import(file as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const twice = {
      ...file,
      collections: [
        {
          name: 'Imported',
          articles: [
            { title: 'Same', body: '' },
            { title: 'Same', body: '' },
          ],
        },
      ],
    };
    await expect(callerFor(admin).knowledge.import(twice as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await articleCount()).toBe(before);
  });
});
