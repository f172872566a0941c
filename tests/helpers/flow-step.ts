import { type StepInput, step } from '../../server/services/flows/engine';
import { graphOf } from '../factories/flow-run';

/*
 * The flow engine's pure steps, as tests/flows-engine*.test.ts drive them: a customer's typed
 * text or pressed button, and a step of a graph from a new conversation.
 */

export const text = (t: string) => ({ text: t });
export const pressed = (id: string, title = '') => ({
  type: 'button_reply',
  button_reply: { id, title },
  text: title,
});

/** A step's input from `nodeId` of `nodes` (a new conversation, on a Wednesday, by default). */
export function stepInput(nodes: unknown[], over: Partial<StepInput> = {}): StepInput {
  return {
    graph: graphOf(nodes),
    nodeId: null,
    state: null,
    variables: {},
    channel: 'WIDGET',
    now: new Date('2026-12-02T15:00:00Z'), // a Wednesday
    timeZone: 'UTC',
    businessHours: [],
    messages: [text('hi')],
    ...over,
  };
}

/** A step of `nodes` with the messages given. */
export const run = (nodes: unknown[], over: Partial<StepInput> = {}) =>
  step(stepInput(nodes, over));

/** Three choices, as the demo's menu offers them. */
export const menu = [
  { id: 'm', title: 'Cardápio' },
  { id: 'h', title: 'Horários' },
  { id: 'p', title: 'Pedido rápido' },
];
