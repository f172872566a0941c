import { request } from 'node:http';

/** The first bytes of a real PNG (signature + IHDR), then filler. */
export const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64, 7),
]);
/** A Windows program: MZ, then filler. */
export const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
  Buffer.alloc(64),
]);
/** The smallest file a PDF reader takes for one. */
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Sends `bytes` as the start of an upload that claims ten times as many (Content-Length) and
 * hangs up: a body cut off before its end. Resolves once the server answered or the socket
 * closed, then leaves the server a moment to settle, so a test can look at what was stored.
 */
export async function cutOffUpload(url: string, headers: Record<string, string>, bytes: Buffer) {
  await new Promise<void>((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(bytes.byteLength * 10) },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.write(bytes, () => setTimeout(() => req.destroy(), 50));
  });
  await new Promise((r) => setTimeout(r, 200));
}
