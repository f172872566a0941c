import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinResponder } from '../server/ai/builtin';
import { openaiResponder } from '../server/ai/openai';
import type { ReplyRequest } from '../server/ai/responder';
import type { Actor } from '../server/auth/actor';
import { config } from '../server/config';
import { db } from '../server/db/client';
import { type Chatbot, chatbots } from '../server/db/schema';
import { withKnowledge } from '../server/services/bot-turns/context';
import { updateArticle } from '../server/services/knowledge/articles';
import { EmbeddingsUnavailable, queueMissingVectors } from '../server/services/knowledge/embedding';
import { indexArticle } from '../server/services/knowledge/indexing';
import { RELEVANT_SCORE, searchKnowledge } from '../server/services/knowledge/retrieval';
import { nearestInMemory } from '../server/services/knowledge/vector-memory';
import { makeChatbot } from './factories/chatbot';
import { linkCollections, makeArticle, makeCollection } from './factories/knowledge';
import { makeWorkspace } from './factories/workspace';
import { actorOf } from './helpers/auth';
import {
  type EmbeddingsRequest,
  embeddingsDown,
  embeddingsHandler,
  fakeVector,
} from './mocks/embeddings';
import { type CapturedRequest, completion, openaiHandler } from './mocks/openai';
import { mockServer } from './mocks/server';

const REFUNDS =
  'Refunds take up to 5 business days to reach the original card once the return arrives.';
const SHIPPING = 'Orders ship within 24 hours; delivery takes 2 to 4 business days in Brazil.';
/** Not one of the refund article's words (nor a stem of one): only its meaning is shared. */
const PARAPHRASE = 'how do I get my money back?';

function useEmbeddings(model: string | undefined, batch = 64) {
  config.EMBEDDINGS_MODEL = model;
  config.EMBEDDINGS_API_KEY = model ? 'sk-embeddings-test' : undefined;
  config.EMBEDDINGS_BATCH_SIZE = batch;
}

let actor: Actor;
let chatbot: Chatbot;
let collectionId: number;
let requests: EmbeddingsRequest[];
const search = (query: string) =>
  searchKnowledge({ workspaceId: actor.workspaceId, chatbotId: chatbot.id, query });
const passagesOf = async (articleId: number) =>
  (await db.execute(sql`
    select id, embedding, embedding_model from knowledge_passages
    where article_id = ${articleId} order by position`)) as unknown as {
    id: number;
    embedding: number[] | null;
    embedding_model: string | null;
  }[];

beforeAll(async () => {
  const { admin } = await makeWorkspace();
  actor = actorOf(admin);
  const bot = await makeChatbot(admin);
  [chatbot] = (await db.select().from(chatbots).where(eq(chatbots.uuid, bot.id))) as [Chatbot];
  collectionId = (await makeCollection(actor)).id;
  await linkCollections(actor, chatbot.id, [collectionId]);
  mockServer.use(embeddingsHandler());
  useEmbeddings('text-embedding-3-small');
  await makeArticle(actor, { collectionId, title: 'Refund policy', body: REFUNDS });
  await makeArticle(actor, { collectionId, title: 'Shipping times', body: SHIPPING });
});
beforeEach(() => {
  requests = [];
  useEmbeddings('text-embedding-3-small');
  mockServer.use(embeddingsHandler(requests));
});
afterEach(() => useEmbeddings(undefined));

describe('knowledge search with an embeddings model', () => {
  it('finds a paraphrase that shares no word with the article, by meaning only', async () => {
    const [hit] = await search(PARAPHRASE);
    expect(hit?.title).toBe('Refund policy');
    expect(hit!.score).toBeGreaterThanOrEqual(RELEVANT_SCORE);
    expect(hit!.score).toBeLessThanOrEqual(1);
    // One request for the question, as OpenAI's SDK sends it with floats asked for.
    expect(requests).toEqual([
      { model: 'text-embedding-3-small', input: [PARAPHRASE], encoding_format: 'float' },
    ]);

    useEmbeddings(undefined);
    const byWords = await search(PARAPHRASE);
    expect(byWords.filter((h) => h.score >= RELEVANT_SCORE)).toEqual([]);
  });

  it('still ranks by words, and both agreeing rank first', async () => {
    const hits = await search('refund to my card');
    expect(hits[0]?.title).toBe('Refund policy');
    expect(hits[0]!.score).toBeGreaterThanOrEqual(RELEVANT_SCORE);
    expect(new Set(hits.map((h) => h.articleId)).size).toBe(hits.length);
  });

  it('falls back to the words when the model fails for the question, and the reply goes on', async () => {
    mockServer.use(embeddingsHandler(requests, () => embeddingsDown()));
    const [hit] = await search('how long do refunds take');
    expect(hit?.title).toBe('Refund policy');
    expect(requests).toHaveLength(1);
    expect(await search(PARAPHRASE)).not.toContainEqual(
      expect.objectContaining({ title: 'Refund policy', score: expect.any(Number) }),
    );

    const turn = await withKnowledge(requestFor('how long do refunds take'));
    const reply = await builtinResponder.reply(turn);
    expect(reply.text).toContain(REFUNDS);
  });

  it('answers the same nearest passages from SQL (past what a process holds) as from memory', async () => {
    const vector = fakeVector(PARAPHRASE);
    const norm = Math.hypot(...vector);
    const input = {
      workspaceId: actor.workspaceId,
      chatbotId: chatbot.id,
      vector: vector.map((x) => x / norm),
      model: 'text-embedding-3-small',
      limit: 5,
    };
    const held = await nearestInMemory(input, db);
    const inSql = (await db.execute(sql`
      select passage_id, similarity from search_knowledge_vectors(${input.workspaceId}::integer,
        ${input.chatbotId}::integer, ${`{${input.vector.join(',')}}`}::real[], ${input.model}, 5)`)) as unknown as {
      passage_id: number;
      similarity: number;
    }[];
    expect(held!.length).toBeGreaterThan(0);
    expect(inSql.map((r) => r.passage_id)).toEqual(held!.map((h) => h.passageId));
    for (const [i, r] of inSql.entries()) expect(r.similarity).toBeCloseTo(held![i]!.similarity, 4);
  });

  it('gives the model the passages found by meaning, numbered for citation', async () => {
    const chat: CapturedRequest[] = [];
    mockServer.use(
      openaiHandler(() => completion('Refunds take up to 5 business days [1].'), chat),
    );
    const turn = await withKnowledge(requestFor(PARAPHRASE));
    expect(turn.knowledge[0]).toMatchObject({ title: 'Refund policy', relevant: true });
    const previousKey = config.OPENAI_API_KEY;
    config.OPENAI_API_KEY = 'sk-test';
    try {
      const reply = await openaiResponder().reply(turn);
      expect(reply.sources?.[0]).toMatchObject({ title: 'Refund policy' });
    } finally {
      config.OPENAI_API_KEY = previousKey;
    }
    expect(chat[0]!.messages[0]!.content).toContain(`[1] Refund policy: ${REFUNDS}`);
  });
});

/** The article's knowledge-index jobs waiting. */
const jobsOf = async (articleId: number) => {
  const [row] = (await db.execute(sql`
    select count(*)::int as n from graphile_worker._private_jobs
    where key = ${`knowledge-index:${articleId}`}`)) as unknown as { n: number }[];
  return row!.n;
};

/** What a bot turn asks for a customer's only line. */
const requestFor = (content: string): ReplyRequest => ({
  chatbot,
  history: [{ role: 'user', content }],
  variables: {},
  firstMessage: false,
  knowledge: [],
  answersFromKnowledge: false,
});

describe('indexing with an embeddings model', () => {
  it('stores a unit vector and its model for every passage, asked for in batches', async () => {
    useEmbeddings('text-embedding-3-small', 2);
    const body = ['## One', 'First part.', '## Two', 'Second part.', '## Three', 'Third.'].join(
      '\n\n',
    );
    const article = await makeArticle(actor, { collectionId, title: 'Three parts', body });
    expect(requests.map((r) => r.input)).toEqual([
      ['Three parts: One\n\nFirst part.', 'Three parts: Two\n\nSecond part.'],
      ['Three parts: Three\n\nThird.'],
    ]);
    const passages = await passagesOf(article.id);
    expect(passages).toHaveLength(3);
    for (const p of passages) {
      expect(p.embedding_model).toBe('text-embedding-3-small');
      const length = Math.sqrt(p.embedding!.reduce((sum, x) => sum + x * x, 0));
      expect(length).toBeCloseTo(1, 4);
    }

    // An edit asks only for the passage whose text changed; the others keep their vectors.
    requests.length = 0;
    await updateArticle(actor, article.id, { body: body.replace('Third.', 'Third, edited.') });
    await indexArticle(article.id);
    expect(requests.map((r) => r.input)).toEqual([['Three parts: Three\n\nThird, edited.']]);
  });

  it('indexes the words whole when the model fails, and the retry makes only the vectors', async () => {
    mockServer.use(embeddingsHandler(requests, () => embeddingsDown()));
    const article = await makeArticle(actor, {
      collectionId,
      title: 'Gift cards',
      status: 'draft',
      body: 'Gift cards never expire.',
    });
    await updateArticle(actor, article.id, { status: 'published' });
    await expect(indexArticle(article.id)).rejects.toBeInstanceOf(EmbeddingsUnavailable);
    const lexical = await passagesOf(article.id);
    expect(lexical).toEqual([{ id: expect.any(Number), embedding: null, embedding_model: null }]);
    expect((await search('gift cards expire'))[0]?.articleId).toBe(article.id);

    mockServer.use(embeddingsHandler(requests));
    expect(await indexArticle(article.id)).toMatchObject({ outcome: 'current', withoutVectors: 0 });
    const embedded = await passagesOf(article.id);
    expect(embedded[0]).toMatchObject({
      id: lexical[0]!.id,
      embedding_model: 'text-embedding-3-small',
    });
  });

  it('makes the vectors again after a model change: the start queues them, the job makes them', async () => {
    const article = await makeArticle(actor, {
      collectionId,
      title: 'Reimbursements',
      body: REFUNDS,
    });
    useEmbeddings('text-embedding-3-large');
    // The old model's vectors are never compared with the new model's question.
    expect((await search(PARAPHRASE)).map((h) => h.articleId)).not.toContain(article.id);

    expect(await queueMissingVectors()).toBeGreaterThanOrEqual(1);
    await queueMissingVectors();
    // One job per article however often the start queues them (the job's key).
    expect(await jobsOf(article.id)).toBe(1);
    expect(await indexArticle(article.id)).toMatchObject({ outcome: 'current', withoutVectors: 0 });
    expect((await passagesOf(article.id))[0]!.embedding_model).toBe('text-embedding-3-large');
    expect((await search(PARAPHRASE)).map((h) => h.articleId)).toContain(article.id);
  });

  it('never calls the model inside a caller’s transaction, and queues the article’s job there', async () => {
    const article = await makeArticle(actor, {
      collectionId,
      title: 'Opening hours',
      status: 'draft',
      body: 'We open at nine.',
    });
    await updateArticle(actor, article.id, { status: 'published' });
    requests.length = 0;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select graphile_worker.remove_job(${`knowledge-index:${article.id}`})`);
      expect(await indexArticle(article.id, tx)).toMatchObject({
        outcome: 'indexed',
        withoutVectors: 1,
      });
    });
    expect(requests).toEqual([]);
    expect(await jobsOf(article.id)).toBe(1);
  });
});
