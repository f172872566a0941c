import type { ProcedureCase } from './cases';

/** Private notes, mentions and a conversation's survey: every role, on conversations it may act on. */
const agent = { role: 'agent' } as const;

export const notesProcedures: ProcedureCase[] = [
  {
    name: 'notes.list',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation }),
  },
  {
    name: 'notes.add',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation, body: 'checked the order' }),
  },
  { name: 'notes.mentions', ...agent, owns: [], input: () => undefined },
  {
    name: 'notes.readMentions',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation }),
  },
  {
    name: 'csat.forConversation',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation }),
  },
];
