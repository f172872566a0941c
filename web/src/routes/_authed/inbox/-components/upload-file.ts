import { i18n } from '../../../../lib/i18n';
import { getAccessToken, refreshSession } from '../../../../lib/session';

export interface UploadedFile {
  id: string;
  contentType: string;
  byteSize: number;
  fileName: string;
}

/** The server's `{statusCode, message, error}` refusal as one sentence a person reads. */
function refusalOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message) && message.length > 0) return message.map(String).join('. ');
  if (typeof message === 'string' && message) return message;
  return i18n.t('inbox:attach.failedHttp', { status });
}

/** One POST of the bytes with XMLHttpRequest: fetch cannot report an upload's progress. */
function post(
  url: string,
  file: File,
  token: string | null,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    // Headers are Latin-1: the name travels percent-encoded (server/http/files.ts).
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error(i18n.t('inbox:attach.unreachable')));
    xhr.send(file);
  });
}

/**
 * Sends a file's bytes to `POST /console/files` (tRPC's 1 MB JSON body is too small for a 25 MB
 * file). The console's Bearer token, renewed once on a 401 as its tRPC calls are.
 */
export async function uploadFile(
  conversationId: number,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<UploadedFile> {
  const url = `/console/files?conversationId=${conversationId}`;
  const token = getAccessToken();
  let res = await post(url, file, token, onProgress);
  if (res.status === 401 && token && (await refreshSession(token))) {
    res = await post(url, file, getAccessToken(), onProgress);
  }
  if (res.status < 200 || res.status >= 300) throw new Error(refusalOf(res.body, res.status));
  return res.body as UploadedFile;
}
