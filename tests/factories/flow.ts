import type { z } from 'zod';
import type { User } from '../../server/db/schema';
import { FlowGraph } from '../../shared/flow';
import { callerFor } from '../helpers/auth';
import { makeChatbot } from './chatbot';
import { makeUser } from './user';
import { makeWorkspace } from './workspace';

export type NodeInput = z.input<typeof FlowGraph>['nodes'][number];

/** A graph from node inputs, parsed (defaults filled) like a stored one; starts at the first. */
export const graphOf = (nodes: NodeInput[], start = nodes[0]!.id) =>
  FlowGraph.parse({ start, nodes });

/** The smallest publishable flow: ask the name, greet by it, end. */
export const namedGreeting = (): NodeInput[] => [
  {
    id: 'ask-name',
    kind: 'ask',
    prompt: 'Your name?',
    variable: 'nome',
    input: 'text',
    next: 'hi',
  },
  { id: 'hi', kind: 'message', content: { type: 'text', text: 'Hi {{nome}}!' }, next: 'bye' },
  { id: 'bye', kind: 'end' },
];

/** A publishable flow whose http node carries a secret header. */
export const withSecretHeader = (secret: string): NodeInput[] => [
  {
    id: 'ask-order',
    kind: 'ask',
    prompt: 'Order number?',
    variable: 'order',
    input: 'text',
    next: 'lookup',
  },
  {
    id: 'lookup',
    kind: 'http',
    method: 'GET',
    url: 'https://api.example.com/orders/{{order}}',
    headers: { Authorization: `Bearer ${secret}`, 'X-Tenant': 'acme' },
    save: [{ variable: 'status', path: 'status' }],
    next: 'tell',
    onError: 'sorry',
  },
  { id: 'tell', kind: 'end', message: 'Your order is {{status}}.' },
  { id: 'sorry', kind: 'handoff', reason: 'lookup failed' },
];

/** A workspace with a chatbot and one user of each role. */
export async function workspaceWithBot() {
  const { workspace, admin } = await makeWorkspace();
  const bot = await makeChatbot(admin);
  const supervisor = await makeUser(workspace.id, { role: 'supervisor' });
  const agent = await makeUser(workspace.id, { role: 'agent' });
  return { workspace, admin, supervisor, agent, bot };
}

/** Saves `nodes` as the chatbot's draft, as an admin would in the editor. */
export async function saveFlow(admin: User, chatbotId: string, nodes: NodeInput[]) {
  return callerFor(admin).flows.saveDraft({ chatbotId, graph: { start: nodes[0]!.id, nodes } });
}
