import type { ProcedureCase } from './cases';

/** The console's inbox: conversations, their realtime streams and auto-assignment. */
const agent = { role: 'agent' } as const;
const one = (name: string): ProcedureCase => ({
  name,
  ...agent,
  owns: ['conversation'],
  input: (_w, ids) => ({ conversationId: ids.conversation }),
});

const conversations: ProcedureCase[] = [
  {
    name: 'conversations.list',
    role: 'supervisor',
    owns: [],
    input: () => ({ all: 'true', limit: '5' }),
  },
  one('conversations.get'),
  one('conversations.thread'),
  {
    name: 'conversations.assign',
    ...agent,
    owns: ['conversation', 'user'],
    input: (_w, ids) => ({ conversationId: ids.conversation, userId: ids.user }),
  },
  one('conversations.unassign'),
  one('conversations.read'),
  one('conversations.unread'),
  one('conversations.takeover'),
  one('conversations.release'),
  one('conversations.end'),
  // Runs in the 'end' stage, after conversations.end (cases.ts): it needs an ended conversation.
  one('conversations.reopen'),
  {
    name: 'conversations.sendMessage',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({
      conversationId: ids.conversation,
      message: { type: 'text', content: { text: 'Hi' } },
    }),
  },
  {
    name: 'conversations.snooze',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({
      conversationId: ids.conversation,
      until: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  },
  one('conversations.unsnooze'),
  {
    name: 'conversations.typing',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation, isTyping: true, mode: 'reply' }),
  },
  one('conversations.previous'),
  one('conversations.variables'),
  {
    name: 'conversations.setVariable',
    ...agent,
    owns: ['conversation'],
    input: (_w, ids) => ({
      conversationId: ids.conversation,
      variable: { key: 'plan', value: 'pro' },
    }),
  },
];

const realtime: ProcedureCase[] = [
  { name: 'realtime.inbox', ...agent, owns: [], input: () => ({ lastEventId: 0 }) },
  {
    name: 'realtime.conversation',
    ...agent,
    owns: ['conversationUuid'],
    input: (_w, ids) => ({ conversationId: ids.conversationUuid }),
  },
];

const supervisor = { role: 'supervisor' } as const;
const assignment: ProcedureCase[] = [
  { name: 'assignment.execute', ...supervisor, owns: [], input: () => undefined },
  { name: 'assignment.policy', ...supervisor, owns: [], input: () => undefined },
  {
    name: 'assignment.updatePolicy',
    ...supervisor,
    owns: ['tag', 'user'],
    input: (_w, ids) => ({
      strategy: 'least_loaded',
      tagRoutes: [{ tagId: ids.tag, userIds: [ids.user] }],
    }),
  },
  { name: 'assignment.agents', ...supervisor, owns: [], input: () => undefined },
];

export const inboxProcedures: ProcedureCase[] = [...conversations, ...realtime, ...assignment];
