import { PIZZERIA_FLOW } from '../../server/demo/pizzeria-flow';
import { FLOW_DOCUMENT_FORMAT, FlowGraph } from '../../shared/flow';
import type { ProcedureCase } from './cases';

/**
 * A chatbot's flow and its bot test suite (issue 21): admins write them, every role reads
 * them, supervisors also turn a conversation into a case. The world's chatbot has the demo
 * pizzeria flow published and one test case with a run.
 */
const writer = { role: 'admin' } as const;
const reader = { role: 'agent' } as const;
const graph = () => FlowGraph.parse(PIZZERIA_FLOW);
const onChatbot = (_w: unknown, ids: { chatbot: string }) => ({ chatbotId: ids.chatbot });

export const flowsProcedures: ProcedureCase[] = [
  { name: 'flows.get', ...reader, owns: ['chatbot'], input: onChatbot },
  {
    name: 'flows.saveDraft',
    ...writer,
    owns: ['chatbot'],
    input: (_w, ids) => ({ chatbotId: ids.chatbot, graph: graph() }),
  },
  { name: 'flows.publish', ...writer, owns: ['chatbot'], input: onChatbot },
  { name: 'flows.unpublish', ...writer, owns: ['chatbot'], input: onChatbot },
  {
    name: 'flows.version',
    ...reader,
    owns: ['chatbot'],
    input: (_w, ids) => ({ chatbotId: ids.chatbot, version: 1 }),
  },
  { name: 'flows.exportJson', ...reader, owns: ['chatbot'], input: onChatbot },
  {
    name: 'flows.importJson',
    ...writer,
    owns: ['chatbot'],
    input: (_w, ids) => ({
      chatbotId: ids.chatbot,
      document: { format: FLOW_DOCUMENT_FORMAT, version: 1, graph: graph() },
    }),
  },
  { name: 'botTests.list', ...reader, owns: ['chatbot'], input: onChatbot },
  {
    name: 'botTests.get',
    ...reader,
    owns: ['testCase'],
    input: (_w, ids) => ({ id: ids.testCase }),
  },
  {
    name: 'botTests.create',
    ...writer,
    owns: ['chatbot'],
    input: (_w, ids) => ({
      chatbotId: ids.chatbot,
      testCase: {
        name: 'Shows the hours',
        script: { kind: 'scripted', turns: [{ text: 'Oi' }, { choice: '2' }] },
        expectations: [{ kind: 'reply_contains', text: '18h' }],
      },
    }),
  },
  {
    name: 'botTests.update',
    ...writer,
    owns: ['testCase'],
    input: (_w, ids) => ({ id: ids.testCase, patch: { name: 'Greets the customer' } }),
  },
  {
    name: 'botTests.delete',
    ...writer,
    owns: ['testCase'],
    input: (_w, ids) => ({ id: ids.testCase }),
  },
  { name: 'botTests.run', ...writer, owns: ['chatbot'], input: onChatbot },
  { name: 'botTests.runs', ...reader, owns: ['chatbot'], input: onChatbot },
  {
    name: 'botTests.runDetail',
    ...reader,
    owns: ['testRun'],
    input: (_w, ids) => ({ runId: ids.testRun }),
  },
  {
    name: 'botTests.fromConversation',
    role: 'supervisor',
    owns: ['conversation'],
    input: (_w, ids) => ({ conversationId: ids.conversation, name: 'From a real chat' }),
  },
  { name: 'botTests.settings', ...reader, owns: ['chatbot'], input: onChatbot },
  {
    name: 'botTests.updateSettings',
    ...writer,
    owns: ['chatbot'],
    input: (_w, ids) => ({ chatbotId: ids.chatbot, requireTestsToPublish: false }),
  },
];
