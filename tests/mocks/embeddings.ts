import { HttpResponse, http } from 'msw';
import { openaiError } from './openai';

export const EMBEDDINGS_URL = 'https://api.openai.com/v1/embeddings';

export interface EmbeddingsRequest {
  model: string;
  input: string | string[];
  encoding_format?: string;
  dimensions?: number;
}

/**
 * A fake model that knows a few synonyms: each word counts for its meaning (a group of words
 * below, or itself), hashed into 64 dimensions. "money back" and "refund" are then near, with no
 * word in common, as a real model places them; and the vectors are deterministic.
 */
const MEANINGS = [
  ['refund', 'refunds', 'money', 'back', 'reimbursed', 'reembolso', 'dinheiro'],
  ['days', 'hours', 'long', 'weeks', 'prazo'],
  ['card', 'cartao', 'visa'],
  ['ship', 'ships', 'shipping', 'delivery', 'parcel', 'entrega'],
  ['password', 'login', 'sign', 'senha'],
];
const DIMENSIONS = 64;
const STOPWORDS = new Set(
  'a an the to of in on my i do how get is it and or for once up'.split(' '),
);

function bucket(word: string): number {
  let h = 2166136261;
  for (const c of word) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) % DIMENSIONS;
}

export function fakeVector(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOPWORDS.has(w));
  for (const word of words) {
    const meaning = MEANINGS.findIndex((group) => group.includes(word));
    vector[bucket(meaning >= 0 ? `meaning:${meaning}` : word)]! += meaning >= 0 ? 3 : 1;
  }
  // Not a unit vector on purpose: the application scales what it receives.
  vector[0]! += 0.01;
  return vector;
}

/** OpenAI's /embeddings answer, in its real shape. */
export function embeddingsResponse(inputs: string[], model: string) {
  return {
    object: 'list',
    data: inputs.map((input, index) => ({
      object: 'embedding',
      index,
      embedding: fakeVector(input),
    })),
    model,
    usage: { prompt_tokens: inputs.length * 8, total_tokens: inputs.length * 8 },
  };
}

/** Answers every /embeddings request with fake vectors (or `fail`'s response), recording it. */
export function embeddingsHandler(
  captured: EmbeddingsRequest[] = [],
  fail?: (body: EmbeddingsRequest) => Response | undefined,
) {
  return http.post(EMBEDDINGS_URL, async ({ request }) => {
    const body = (await request.json()) as EmbeddingsRequest;
    captured.push(body);
    const failure = fail?.(body);
    if (failure) return failure;
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    return HttpResponse.json(embeddingsResponse(inputs, body.model));
  });
}

/** The provider failing (a 500 in OpenAI's error shape). */
export const embeddingsDown = () => openaiError(500, 'The server had an error', 'server_error');
