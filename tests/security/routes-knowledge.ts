import { randomUUID } from 'node:crypto';
import type { RestCase } from './cases';

/**
 * The knowledge base's REST: a document sent as its own bytes, a knowledge file imported
 * (supervisors and admins).
 */
export const knowledgeRoutes: RestCase[] = [
  {
    method: 'POST',
    path: '/api/knowledge/collections/:id/documents',
    caller: 'user',
    role: 'supervisor',
    owns: ['collection'],
    // The body is the file: any bytes the reader takes (here JSON text, read as Markdown).
    request: (_w, ids) => ({
      path: `/api/knowledge/collections/${ids.collection}/documents?fileName=guide-${randomUUID().slice(0, 8)}.md&status=draft`,
      body: { text: '# Guide\n\nPress the blue button.' },
    }),
  },
  {
    method: 'POST',
    path: '/api/knowledge/import',
    caller: 'user',
    role: 'supervisor',
    owns: [],
    // A knowledge file as export writes it: one collection of its own name, one article.
    request: () => ({
      path: '/api/knowledge/import',
      body: {
        format: 'support-inbox/knowledge',
        version: 1,
        collections: [
          {
            name: `Imported ${randomUUID().slice(0, 8)}`,
            articles: [{ title: 'Opening hours', body: 'We open at nine.', language: 'en' }],
          },
        ],
      },
    }),
  },
];
