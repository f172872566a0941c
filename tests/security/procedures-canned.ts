import { randomUUID } from 'node:crypto';
import type { ProcedureCase } from './cases';

/**
 * Canned responses: every role writes its own; the world's one is shared, so writing it takes a
 * supervisor. Rendering reads a conversation, which a supervisor may always see.
 */
const unique = () => randomUUID().slice(0, 8);

export const cannedProcedures: ProcedureCase[] = [
  {
    name: 'cannedResponses.list',
    role: 'agent',
    owns: [],
    input: () => ({ search: 'greet' }),
  },
  {
    name: 'cannedResponses.get',
    role: 'agent',
    owns: ['cannedResponse'],
    input: (_w, ids) => ({ id: ids.cannedResponse }),
  },
  {
    name: 'cannedResponses.create',
    role: 'agent',
    owns: [],
    input: () => ({ shortcut: `mine-${unique()}`, title: 'Mine', body: 'Hi {{contact.name}}' }),
  },
  {
    name: 'cannedResponses.update',
    role: 'supervisor',
    owns: ['cannedResponse'],
    input: (_w, ids) => ({ id: ids.cannedResponse, patch: { title: `Greeting ${unique()}` } }),
  },
  {
    name: 'cannedResponses.delete',
    role: 'supervisor',
    owns: ['cannedResponse'],
    input: (_w, ids) => ({ id: ids.cannedResponse }),
  },
  {
    name: 'cannedResponses.render',
    role: 'supervisor',
    owns: ['cannedResponse', 'conversation'],
    input: (_w, ids) => ({ id: ids.cannedResponse, conversationId: ids.conversation }),
  },
];
