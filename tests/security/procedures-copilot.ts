import type { ProcedureCase } from './cases';

/**
 * The agents' copilot. The security suite runs with no API key, so a valid draft or summary
 * request is refused PRECONDITION_FAILED with the reason (after the access check, so another
 * workspace's conversation is still NOT_FOUND); tests/copilot.test.ts covers the model's side.
 */
const agent = { role: 'agent' } as const;
const onConversation = (name: string, httpRefusal?: string): ProcedureCase => ({
  name,
  ...agent,
  owns: ['conversation'],
  ...(httpRefusal ? { httpRefusal } : {}),
  input: (_w, ids) => ({ conversationId: ids.conversation }),
});

export const copilotProcedures: ProcedureCase[] = [
  { name: 'copilot.status', ...agent, owns: [], input: () => undefined },
  onConversation('copilot.suggestReply', 'PRECONDITION_FAILED'),
  onConversation('copilot.summarize', 'PRECONDITION_FAILED'),
  onConversation('copilot.handoffSummary'),
];
