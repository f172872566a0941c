import type { ProcedureCase } from './cases';

/** What waits for the caller (issue 23): every role, its own counts only. */
export const attentionProcedures: ProcedureCase[] = [
  { name: 'users.attention', role: 'agent', owns: [], input: () => undefined },
];
