/**
 * An OpenAI-compatible /embeddings endpoint on 127.0.0.1 for benchmarks: answers at once in the
 * real response shape, with deterministic vectors (each word hashed into `dimensions`), so what
 * is measured is this application's side: the request, parsing, storing and comparing vectors.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

function vectorOf(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    let h = 2166136261;
    for (const c of word) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    vector[(h >>> 0) % dimensions]! += 1;
  }
  vector[0]! += 0.01;
  return vector;
}

export async function startEmbeddingsStub(dimensions = 1536) {
  let requests = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests++;
      const { input, model } = JSON.parse(body || '{}') as {
        input: string[] | string;
        model: string;
      };
      const inputs = Array.isArray(input) ? input : [input];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: inputs.map((text, index) => ({
            object: 'embedding',
            index,
            embedding: vectorOf(text, dimensions),
          })),
          model,
          usage: { prompt_tokens: inputs.length * 200, total_tokens: inputs.length * 200 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
