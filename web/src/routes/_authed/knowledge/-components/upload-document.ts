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
  return `The upload failed (HTTP ${status}).`;
}

/**
 * Sends a file's bytes to the upload route (`POST /api/knowledge/collections/:id/documents`):
 * tRPC would carry it as base64 inside a 1 MB JSON body, too small for a 5 MB document. The same
 * Bearer token as the console's tRPC calls, renewed once on a 401 as they are.
 */
export async function uploadDocument(upload: DocumentUpload): Promise<UploadedArticle> {
  const query = new URLSearchParams({
    fileName: upload.file.name,
    language: upload.language,
    status: upload.status,
    ...(upload.title ? { title: upload.title } : {}),
  });
  const url = `/api/knowledge/collections/${upload.collectionId}/documents?${query}`;
  const send = (token: string | null) =>
    fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': upload.file.type || 'application/octet-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: upload.file,
    });
  let res: Response;
  try {
    const token = getAccessToken();
    res = await send(token);
    if (res.status === 401 && token && (await refreshSession(token))) {
      res = await send(getAccessToken());
    }
  } catch {
    throw new Error('Cannot reach the server. Check your connection and try again.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(refusalOf(body, res.status));
  return body as UploadedArticle;
}
