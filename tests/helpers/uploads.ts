import { request } from 'node:http';

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
