import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../server/auth/actor';
import { findChatbot } from '../server/services/chatbots';
import { updateArticle } from '../server/services/knowledge/articles';
import { RELEVANT_SCORE, searchKnowledge } from '../server/services/knowledge/retrieval';
import { makeChatbot } from './factories/chatbot';
import { linkCollections, makeArticle, makeCollection } from './factories/knowledge';
import { makeWorkspace } from './factories/workspace';
import { actorOf } from './helpers/auth';

/** The chatbot's integer id (the console's presenter answers its uuid). */
const botId = async (workspaceId: number, uuid: string) =>
  (await findChatbot(workspaceId, uuid)).id;

let actor: Actor;
let chatbotId: number;
let collectionId: number;
const search = (query: string, bot = chatbotId) =>
  searchKnowledge({ workspaceId: actor.workspaceId, chatbotId: bot, query });

beforeAll(async () => {
  const { admin } = await makeWorkspace();
  actor = actorOf(admin);
  chatbotId = await botId(admin.workspaceId, (await makeChatbot(admin)).id);
  collectionId = (await makeCollection(actor)).id;
  await linkCollections(actor, chatbotId, [collectionId]);
  await makeArticle(actor, {
    collectionId,
    title: 'Política de devolução',
    language: 'pt',
    body: 'Você pode pedir a devolução do dinheiro em até 7 dias após a compra. O reembolso cai no cartão em até duas faturas.',
  });
  await makeArticle(actor, {
    collectionId,
    title: 'Envíos internacionales',
    language: 'es',
    body: 'Hacemos envíos a toda Latinoamérica. El envío tarda entre 5 y 10 días hábiles según el país.',
  });
  await makeArticle(actor, {
    collectionId,
    title: 'Resetting your password',
    language: 'en',
    body: '## Forgotten passwords\n\nOpen the login page and choose "Forgot password". We email you a link that resets it within minutes.',
  });
});

describe('searchKnowledge', () => {
  it('finds a Portuguese article from a question without accents, and scores it as relevant', async () => {
    const [hit] = await search('como faço a devolucao do dinheiro?');
    expect(hit?.title).toBe('Política de devolução');
    expect(hit!.score).toBeGreaterThanOrEqual(RELEVANT_SCORE);
    expect(hit!.score).toBeLessThanOrEqual(1);
  });

  it('finds a Spanish article through its stems', async () => {
    const [hit] = await search('¿Cuánto tarda un envio internacional?');
    expect(hit?.title).toBe('Envíos internacionales');
    expect(hit!.score).toBeGreaterThanOrEqual(RELEVANT_SCORE);
  });

  it('finds an English article by a word the text has in another form (reset, resets)', async () => {
    const [hit] = await search('How do I reset my password?');
    expect(hit?.title).toBe('Resetting your password');
    expect(hit!.text).toContain('Forgot password');
    expect(hit!.score).toBeGreaterThanOrEqual(RELEVANT_SCORE);
  });

  it('finds a misspelled question by trigram similarity', async () => {
    const [hit] = await search('pasword resset');
    expect(hit?.title).toBe('Resetting your password');
  });

  it('scores a question the knowledge base cannot answer below the relevance bar', async () => {
    const hits = await search('What is the weather on Mars tomorrow?');
    expect(hits.every((h) => h.score < RELEVANT_SCORE)).toBe(true);
  });

  it('answers one passage per article, with its source', async () => {
    const hits = await search('devolução reembolso envio password');
    const articles = hits.map((h) => h.articleId);
    expect(new Set(articles).size).toBe(articles.length);
    for (const h of hits) expect(h.slug).toMatch(/^[a-z0-9-]+$/);
  });

  it("reads only the chatbot's collections", async () => {
    const other = await makeCollection(actor);
    await makeArticle(actor, {
      collectionId: other.id,
      title: 'Loyalty points',
      body: 'Loyalty points expire after a year.',
    });
    expect(await search('loyalty points expire')).toEqual([]);
    await linkCollections(actor, chatbotId, [collectionId, other.id]);
    expect((await search('loyalty points expire'))[0]?.title).toBe('Loyalty points');
    await linkCollections(actor, chatbotId, [collectionId]);
  });

  it("never reads another workspace's passages, even named with this chatbot", async () => {
    const { admin } = await makeWorkspace();
    const theirs = actorOf(admin);
    const bot = { id: await botId(admin.workspaceId, (await makeChatbot(admin)).id) };
    const c = await makeCollection(theirs);
    await linkCollections(theirs, bot.id, [c.id]);
    await makeArticle(theirs, {
      collectionId: c.id,
      title: 'Gift cards',
      body: 'Gift cards never expire.',
    });
    expect(await search('gift cards expire', bot.id)).toEqual([]);
  });

  it('stops finding an article as soon as it is a draft again', async () => {
    const article = await makeArticle(actor, {
      collectionId,
      title: 'Store opening hours',
      body: 'The store opens at nine.',
    });
    expect((await search('store opening hours'))[0]?.articleId).toBe(article.id);
    await updateArticle(actor, article.id, { status: 'draft' });
    expect((await search('store opening hours')).map((h) => h.articleId)).not.toContain(article.id);
  });

  it('answers nothing for a question of filler words only', async () => {
    expect(await search('   ')).toEqual([]);
  });
});
