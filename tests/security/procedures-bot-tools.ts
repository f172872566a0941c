import { randomUUID } from 'node:crypto';
import type { ProcedureCase } from './cases';

/** A chatbot's custom HTTP tools: admins write them, every role reads them. */
const unique = () => randomUUID().slice(0, 8);
const writer = { role: 'admin' } as const;
const reader = { role: 'agent' } as const;

export const botToolsProcedures: ProcedureCase[] = [
  {
    name: 'botTools.list',
    ...reader,
    owns: ['chatbot'],
    input: (_w, ids) => ({ chatbotId: ids.chatbot }),
  },
  { name: 'botTools.get', ...reader, owns: ['tool'], input: (_w, ids) => ({ id: ids.tool }) },
  {
    name: 'botTools.create',
    ...writer,
    owns: ['chatbot'],
    input: (_w, ids) => ({
      chatbotId: ids.chatbot,
      name: `lookup_${unique()}`,
      description: 'Looks an order up.',
      parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      urlTemplate: 'https://api.example.com/orders/{id}',
      headers: [{ name: 'Authorization', value: 'Bearer secret' }],
    }),
  },
  {
    name: 'botTools.update',
    ...writer,
    owns: ['tool'],
    input: (_w, ids) => ({ id: ids.tool, patch: { description: `Orders ${unique()}` } }),
  },
  { name: 'botTools.delete', ...writer, owns: ['tool'], input: (_w, ids) => ({ id: ids.tool }) },
  {
    name: 'botTools.calls',
    ...reader,
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation }),
  },
];
