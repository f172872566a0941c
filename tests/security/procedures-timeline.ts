import type { ProcedureCase } from './cases';

/** A conversation's timeline of who did what: every role, on conversations it may act on. */
export const timelineProcedures: ProcedureCase[] = [
  {
    name: 'timeline.list',
    role: 'agent',
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation }),
  },
];
