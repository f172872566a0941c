import { HttpResponse, http } from 'msw';

export const S3_ENDPOINT = 'https://s3.files.test';

/**
 * An S3-compatible store on path-style URLs (`endpoint/bucket/key`), with S3's real answers:
 * PutObject is a 200 with an ETag and an empty body, GetObject the bytes with their headers,
 * a missing key the 404 `<Error><Code>NoSuchKey</Code>` XML document.
 */
export function s3Bucket(bucket: string) {
  const objects = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const requests: { method: string; key: string; authorization: string | null }[] = [];
  const path = `${S3_ENDPOINT}/${bucket}/*`;
  const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(bucket.length + 2));
  const handlers = [
    http.put(path, async ({ request }) => {
      const key = keyOf(request.url);
      requests.push({ method: 'PUT', key, authorization: request.headers.get('authorization') });
      objects.set(key, {
        bytes: new Uint8Array(await request.arrayBuffer()),
        contentType: request.headers.get('content-type') ?? 'binary/octet-stream',
      });
      return new HttpResponse(null, {
        status: 200,
        headers: { ETag: '"5d41402abc4b2a76b9719d911017c592"', 'x-amz-request-id': 'T1' },
      });
    }),
    http.get(path, ({ request }) => {
      const key = keyOf(request.url);
      requests.push({ method: 'GET', key, authorization: request.headers.get('authorization') });
      const object = objects.get(key);
      if (!object) {
        return new HttpResponse(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key><RequestId>T2</RequestId></Error>`,
          { status: 404, headers: { 'Content-Type': 'application/xml' } },
        );
      }
      return new HttpResponse(object.bytes, {
        status: 200,
        headers: {
          'Content-Type': object.contentType,
          'Content-Length': String(object.bytes.byteLength),
          ETag: '"5d41402abc4b2a76b9719d911017c592"',
          'Last-Modified': new Date().toUTCString(),
        },
      });
    }),
  ];
  return { handlers, objects, requests };
}
