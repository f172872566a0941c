import { randomUUID } from 'node:crypto';
import { KNOWLEDGE_FORMAT } from '../../server/services/knowledge/transfer';
import type { ProcedureCase } from './cases';

/** The knowledge base: agents read it, supervisors write it. */
const unique = () => randomUUID().slice(0, 8);
const writer = { role: 'supervisor' } as const;
const reader = { role: 'agent' } as const;

export const knowledgeProcedures: ProcedureCase[] = [
  { name: 'knowledge.collections.list', ...reader, owns: [], input: () => undefined },
  {
    name: 'knowledge.collections.create',
    ...writer,
    owns: [],
    input: () => ({ name: `Help ${unique()}` }),
  },
  {
    name: 'knowledge.collections.rename',
    ...writer,
    owns: ['collection'],
    input: (_w, ids) => ({ id: ids.collection, name: `Renamed ${unique()}` }),
  },
  {
    name: 'knowledge.collections.delete',
    ...writer,
    owns: ['collection'],
    input: (_w, ids) => ({ id: ids.collection }),
  },
  {
    name: 'knowledge.articles.list',
    ...reader,
    owns: ['collection'],
    input: (_w, ids) => ({ collectionId: ids.collection, status: 'published' }),
  },
  {
    name: 'knowledge.articles.get',
    ...reader,
    owns: ['article'],
    input: (_w, ids) => ({ id: ids.article }),
  },
  {
    name: 'knowledge.articles.create',
    ...writer,
    owns: ['collection'],
    input: (_w, ids) => ({
      collectionId: ids.collection,
      title: `Opening hours ${unique()}`,
      body: 'We open at nine.',
      language: 'en',
    }),
  },
  {
    name: 'knowledge.articles.update',
    ...writer,
    owns: ['article'],
    input: (_w, ids) => ({ id: ids.article, patch: { body: 'Returns take 7 days.' } }),
  },
  {
    name: 'knowledge.articles.upload',
    ...writer,
    owns: ['collection'],
    input: (_w, ids) => ({
      collectionId: ids.collection,
      fileName: `guide-${unique()}.md`,
      contentBase64: Buffer.from('# Guide\n\nPress the blue button.').toString('base64'),
      status: 'draft',
    }),
  },
  {
    name: 'knowledge.articles.delete',
    ...writer,
    owns: ['article'],
    input: (_w, ids) => ({ id: ids.article }),
  },
  {
    name: 'knowledge.chatbots.get',
    ...reader,
    owns: ['chatbot'],
    input: (_w, ids) => ({ chatbotId: ids.chatbot }),
  },
  {
    name: 'knowledge.chatbots.set',
    ...writer,
    owns: ['chatbot', 'collection'],
    input: (_w, ids) => ({ chatbotId: ids.chatbot, collectionIds: [ids.collection] }),
  },
  {
    name: 'knowledge.search',
    ...reader,
    owns: ['chatbot'],
    input: (_w, ids) => ({ chatbotId: ids.chatbot, query: 'how long do returns take?' }),
  },
  { name: 'knowledge.export', ...writer, owns: [], input: () => undefined },
  {
    name: 'knowledge.import',
    ...writer,
    owns: [],
    input: () => ({
      format: KNOWLEDGE_FORMAT,
      version: 1,
      collections: [
        {
          name: `Imported ${unique()}`,
          articles: [{ slug: `imported-${unique()}`, title: 'Imported', body: 'Hello.' }],
        },
      ],
    }),
  },
];
