import type { ProcedureCase } from './cases';

/** Message search: every role; it names no row, and another workspace's messages never answer. */
export const searchProcedures: ProcedureCase[] = [
  {
    name: 'search.messages',
    role: 'agent',
    owns: [],
    input: () => ({ query: 'refund', status: 'active', limit: 10 }),
  },
];
