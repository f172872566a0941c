/**
 * A customer's file a channel could not hand over (docs/agent-workspace.md, Files). `retryable`:
 * the provider or the network failed this time (a 5xx, a 429, a reset, an expired link that a new
 * lookup renews), so the download job tries again with backoff; otherwise the answer is final
 * (the media is gone, or refused), and the message is marked failed at once with `reason`.
 */
export class MediaFetchError extends Error {
  constructor(
    readonly retryable: boolean,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'MediaFetchError';
  }
}

/** A file a channel handed over: its bytes and what the provider said about them. */
export interface FetchedMedia {
  bytes: Uint8Array;
  /** The provider's type (the stored type is sniffed from the bytes all the same). */
  mimeType: string | null;
  fileName: string | null;
}

/** The extension a provider's type suggests, for a file that came without a name. */
export function extensionFor(mimeType: string | null): string {
  const subtype = (mimeType ?? '').split(';')[0]!.trim().split('/')[1] ?? '';
  const known: Record<string, string> = {
    jpeg: 'jpg',
    png: 'png',
    gif: 'gif',
    webp: 'webp',
    pdf: 'pdf',
    mpeg: 'mp3',
    ogg: 'ogg',
    mp4: 'mp4',
    webm: 'webm',
  };
  return known[subtype] ?? 'bin';
}

/** Reads a response's body into bytes, refusing (finally) one past `maxBytes` as it streams. */
export async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLargeToKeep(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLargeToKeep(maxBytes);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, total);
}

export const tooLargeToKeep = (maxBytes: number) =>
  new MediaFetchError(
    false,
    `The file is larger than ${Math.round((maxBytes / 1_048_576) * 10) / 10} MB, the most a file may be`,
  );
