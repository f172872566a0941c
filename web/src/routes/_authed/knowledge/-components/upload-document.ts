import { i18n } from '../../../../lib/i18n';
import { getAccessToken, refreshSession } from '../../../../lib/session';
import type { RouterOutputs } from '../../../../lib/trpc';
import type { Language } from './can-edit';

export type UploadedArticle = RouterOutputs['knowledge']['articles']['get'];

export interface DocumentUpload {
  collectionId: number;
  file: File;
  title?: string;
  language: Language;
  status: 'draft' | 'published';
}

/** The server's `{statusCode, message, error}` refusal as one sentence a person reads. */
function refusalOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message) && message.length > 0) return message.map(String).join('. ');
  if (typeof message === 'string' && message) return message;
  return i18n.t('knowledge:upload.failed', { status });
}

/**
 * Posts a file's bytes to one of the knowledge base's REST routes: tRPC would carry them inside
 * its 1 MB JSON body (as base64 for a document), too small for a 5 MB document or a large
 * export. The same Bearer token as the console's tRPC calls, renewed once on a 401 as they are.
 */
async function postFile<T>(url: string, file: Blob, contentType: string): Promise<T> {
  const send = (token: string | null) =>
    fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': contentType,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: file,
    });
  let res: Response;
  try {
    const token = getAccessToken();
    res = await send(token);
    if (res.status === 401 && token && (await refreshSession(token))) {
      res = await send(getAccessToken());
    }
  } catch {
    throw new Error(i18n.t('common:errors.offline'));
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(refusalOf(body, res.status));
  return body as T;
}

/** A document's bytes to `POST /api/knowledge/collections/:id/documents`. */
export function uploadDocument(upload: DocumentUpload): Promise<UploadedArticle> {
  const query = new URLSearchParams({
    fileName: upload.file.name,
    language: upload.language,
    status: upload.status,
    ...(upload.title ? { title: upload.title } : {}),
  });
  return postFile(
    `/api/knowledge/collections/${upload.collectionId}/documents?${query}`,
    upload.file,
    upload.file.type || 'application/octet-stream',
  );
}

export type ImportResult = RouterOutputs['knowledge']['import'];

/** A knowledge file (an export) to `POST /api/knowledge/import`, whatever its size up to 25 MB. */
export function importKnowledgeFile(file: File): Promise<ImportResult> {
  return postFile('/api/knowledge/import', file, 'application/json');
}
