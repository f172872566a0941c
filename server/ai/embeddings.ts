import OpenAI from 'openai';
import { config } from '../config';
import { logger } from '../logger';
import { sharedModelFetch } from './model-fetch';

/**
 * An OpenAI-compatible `/embeddings` model (EMBEDDINGS_MODEL), for knowledge search by meaning.
 * Vectors come back scaled to length 1, so their dot product is their cosine similarity: plain
 * SQL over `real[]` and pgvector's operators then agree (server/db/functions/
 * search_knowledge_vectors.sql).
 */
export interface EmbeddingsModel {
  /**
   * What produced a vector, stored beside it: the model's name, with `:<dimensions>` when
   * EMBEDDINGS_DIMENSIONS asks for shorter vectors. Vectors of another name are never compared
   * with this model's, and are made again (server/services/knowledge/embedding.ts).
   */
  readonly name: string;
  /** Passages' vectors, in their order: EMBEDDINGS_BATCH_SIZE inputs a request. */
  embedPassages(texts: string[]): Promise<number[][]>;
  /** A question's vector: one request, given up after EMBEDDINGS_QUERY_TIMEOUT_MS. */
  embedQuestion(text: string): Promise<number[]>;
}

/** An answer this code cannot use (too few vectors, mixed sizes, not numbers). */
export class EmbeddingsResponseError extends Error {}

/** The longest input sent: a passage is about 800 characters; a question is cut at 500. */
const INPUT_MAX = 8000;

function unitLength(vector: number[]): number[] {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum);
  if (!Number.isFinite(norm) || norm === 0)
    throw new EmbeddingsResponseError('the model answered a vector of length 0');
  return vector.map((x) => x / norm);
}

/** The response's vectors in input order, checked: one per input, all of one size, numbers. */
function vectorsOf(response: OpenAI.Embeddings.CreateEmbeddingResponse, inputs: number) {
  const data = Array.isArray(response?.data) ? response.data : [];
  const byIndex = new Map(data.map((d) => [d.index, d.embedding]));
  const vectors: number[][] = [];
  for (let i = 0; i < inputs; i++) {
    const vector = byIndex.get(i);
    if (!Array.isArray(vector) || vector.length === 0 || !vector.every(Number.isFinite))
      throw new EmbeddingsResponseError(`no usable vector for input ${i} of ${inputs}`);
    if (vectors.length > 0 && vector.length !== vectors[0]!.length)
      throw new EmbeddingsResponseError('the model answered vectors of different sizes');
    vectors.push(unitLength(vector));
  }
  return vectors;
}

function createModel(model: string, apiKey: string): EmbeddingsModel {
  const client = new OpenAI({
    apiKey,
    baseURL: config.EMBEDDINGS_BASE_URL ?? config.OPENAI_BASE_URL,
    timeout: config.OPENAI_TIMEOUT_MS,
    // None of the SDK's: indexing is a job, whose retries (with backoff) outlast them, and a
    // question falls back to the words at once.
    maxRetries: 0,
    fetch: sharedModelFetch(),
  });
  const dimensions = config.EMBEDDINGS_DIMENSIONS;
  const request = async (input: string[], options: OpenAI.RequestOptions = {}) => {
    const response = await client.embeddings.create(
      {
        model,
        input: input.map((text) => text.slice(0, INPUT_MAX)),
        // Floats, not the SDK's default base64: every OpenAI-compatible server answers them.
        encoding_format: 'float',
        ...(dimensions ? { dimensions } : {}),
      },
      options,
    );
    return vectorsOf(response, input.length);
  };
  return {
    name: dimensions ? `${model}:${dimensions}` : model,
    async embedPassages(texts) {
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += config.EMBEDDINGS_BATCH_SIZE) {
        vectors.push(...(await request(texts.slice(start, start + config.EMBEDDINGS_BATCH_SIZE))));
      }
      if (vectors.length > 1 && vectors.some((v) => v.length !== vectors[0]!.length))
        throw new EmbeddingsResponseError('the model answered vectors of different sizes');
      return vectors;
    },
    async embedQuestion(text) {
      // The customer is waiting: past the timeout, lexical search answers alone.
      const [vector] = await request([text], { timeout: config.EMBEDDINGS_QUERY_TIMEOUT_MS });
      return vector!;
    },
  };
}

let cached: { key: string; model: EmbeddingsModel | null } | undefined;

/**
 * The configured model, or null without EMBEDDINGS_MODEL. A model with no key anywhere
 * (EMBEDDINGS_API_KEY, OPENAI_API_KEY) is used only on a server of one's own
 * (EMBEDDINGS_BASE_URL), which may need none; otherwise it is off, and the log says why.
 */
export function embeddingsModel(): EmbeddingsModel | null {
  const model = config.EMBEDDINGS_MODEL;
  const apiKey =
    config.EMBEDDINGS_API_KEY ??
    config.OPENAI_API_KEY ??
    (config.EMBEDDINGS_BASE_URL ? 'no-key' : undefined);
  const key = [model, apiKey, config.EMBEDDINGS_BASE_URL, config.EMBEDDINGS_DIMENSIONS].join('\n');
  if (cached?.key === key) return cached.model;
  if (model && !apiKey)
    logger.warn(
      'EMBEDDINGS_MODEL is set but there is no EMBEDDINGS_API_KEY or OPENAI_API_KEY: knowledge search ranks by words only',
    );
  cached = { key, model: model && apiKey ? createModel(model, apiKey) : null };
  return cached.model;
}

/** What a failed call is logged with: never the provider's message, which can name the key. */
export function embeddingsFailure(err: unknown): Record<string, unknown> {
  if (err instanceof OpenAI.APIError)
    return { status: err.status ?? null, code: err.code ?? null, type: err.type ?? null };
  if (err instanceof EmbeddingsResponseError) return { reason: err.message };
  return { error: (err as Error)?.name ?? 'Error' };
}
