import { z } from 'zod';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import type { KnowledgeArticle } from '../../db/schema';
import { AppError } from '../../errors';
import { ARTICLE_BODY_MAX, articleFields, createArticle } from './articles';
import { htmlTitle, htmlToMarkdown } from './html';

/** The largest document read: a PDF manual or an exported page, not a book. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export const DOCUMENT_KINDS = ['markdown', 'text', 'html', 'pdf'] as const;
type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What an upload says about its file beside the bytes (a raw body's query, or tRPC's input). */
export const DocumentFields = z.object({
  collectionId: z.union([z.string().max(64), z.number().int().positive().max(2_147_483_647)]),
  fileName: z.string().trim().min(1).max(255),
  title: articleFields.title.optional(),
  language: articleFields.language.default('other'),
  status: articleFields.status.default('published'),
});

export const UploadDocumentInput = DocumentFields.extend({
  /** The file's bytes, base64 (tRPC carries JSON). */
  contentBase64: z.string().max(Math.ceil((DOCUMENT_MAX_BYTES * 4) / 3) + 4),
});

const unreadable = (message: string) =>
  new AppError('BAD_REQUEST', message, [{ field: 'contentBase64', message }]);

/** The kind by the file's first bytes (a PDF says so) and then its name. */
function kindOf(fileName: string, bytes: Uint8Array): DocumentKind {
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'txt' || ext === 'text') return 'text';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'pdf') throw unreadable('The file is named .pdf but is not a PDF');
  throw unreadable(
    'Only Markdown (.md), plain text (.txt), HTML (.html) and PDF files can be read',
  );
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw unreadable('The file is not UTF-8 text');
  }
}

/** A PDF's text, page after page (unpdf: pdf.js without a canvas). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(bytes, { verbosity: 0 });
    const { text } = await extractText(pdf, { mergePages: false });
    return (text as string[]).map((page) => page.replace(/[ \t]+\n/g, '\n').trim()).join('\n\n');
  } catch (err) {
    const reason =
      err instanceof Error && /password/i.test(err.message) ? ' (it is encrypted)' : '';
    throw unreadable(`The PDF could not be read${reason}`);
  }
}

/** A document's text as an article's markdown body, and the title it suggests, if any. */
export async function readDocument(
  fileName: string,
  bytes: Uint8Array,
): Promise<{ body: string; title?: string }> {
  if (bytes.byteLength === 0) throw unreadable('The file is empty');
  if (bytes.byteLength > DOCUMENT_MAX_BYTES) {
    throw unreadable(`The file is larger than ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`);
  }
  const kind = kindOf(fileName, bytes);
  let body: string;
  let title: string | undefined;
  if (kind === 'pdf') body = await pdfText(bytes);
  else if (kind === 'html') {
    const html = utf8(bytes);
    body = htmlToMarkdown(html);
    title = htmlTitle(html);
  } else body = utf8(bytes);
  // NUL and other controls PostgreSQL cannot store or nobody can read (tabs and newlines kept).
  body = body.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : '')).trim();
  if (!body) throw unreadable('The file has no text to read (a scanned PDF needs OCR first)');
  if (body.length > ARTICLE_BODY_MAX) {
    throw unreadable(`The file's text is longer than ${ARTICLE_BODY_MAX} characters`);
  }
  return { body, title };
}

const titleFromName = (fileName: string) =>
  fileName
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim()
    .slice(0, 200) || 'Document';

/**
 * An uploaded document becomes one article (source 'document'), read whole before anything is
 * written: a file that cannot be read is a 400 and leaves nothing behind, and one that can is
 * indexed by the same job as any article, all its passages at once.
 */
export async function uploadDocumentBytes(
  actor: Actor,
  fields: z.input<typeof DocumentFields>,
  bytes: Uint8Array,
  tx: DbOrTx = db,
): Promise<KnowledgeArticle> {
  // Before the file is read: a PDF is parsed for nobody who may not write.
  requireRole(actor, 'supervisor');
  const data = DocumentFields.parse(fields);
  const document = await readDocument(data.fileName, bytes);
  return createArticle(
    actor,
    {
      collectionId: data.collectionId,
      title: data.title ?? document.title ?? titleFromName(data.fileName),
      body: document.body,
      language: data.language,
      status: data.status,
    },
    { source: 'document', fileName: data.fileName },
    tx,
  );
}

/** The same, for a file sent as base64 in JSON (tRPC's `knowledge.articles.upload`). */
export async function uploadDocument(
  actor: Actor,
  input: z.input<typeof UploadDocumentInput>,
  tx: DbOrTx = db,
): Promise<KnowledgeArticle> {
  const { contentBase64, ...fields } = UploadDocumentInput.parse(input);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64.replace(/\s+/g, ''))) {
    throw unreadable('contentBase64 must be base64');
  }
  return uploadDocumentBytes(
    actor,
    fields,
    new Uint8Array(Buffer.from(contentBase64, 'base64')),
    tx,
  );
}
