import type { FlowGraph, FlowNode } from '../../../shared/flow';
import { customerMessage } from '../../../shared/i18n/customer-messages';
import { checkAnswer } from './inputs';
import {
  type ConditionContext,
  contentOf,
  type FlowMessage,
  fill,
  holds,
  promptOf,
} from './node-content';

/**
 * The flow engine (issue 21): one step of a conversation through its flow, with no I/O. From
 * the node the conversation is at, with the customer's new messages, it walks the graph,
 * gathering the messages to send and the variables to write, until the flow waits for the
 * customer (an ask), gives the turn to the model (an ai node), needs an HTTP call made (the
 * caller makes it and steps again with the result: walkFlow), hands off or ends. The caller
 * (run.ts) saves all of it at once, so a step that did not finish left nothing behind.
 */

/** What the conversation keeps between steps at its node (conversations.flow_state). */
export interface FlowState {
  /** The node waits for the customer: an ask whose prompt was sent, the model's ai node. */
  waiting?: boolean;
  /** Invalid answers to the waiting ask so far. */
  retries?: number;
  /** The newest customer message a step has read (run.ts: the next step reads those after). */
  lastMessageId?: number;
}

export type HttpNode = Extract<FlowNode, { kind: 'http' }>;
/** An HTTP node's call as the engine filled it: the URL's placeholders URL-encoded. */
export interface HttpRequestPlan {
  node: HttpNode;
  url: string;
  body: string | undefined;
}
/** The call's outcome: the saved fields' values by variable, or a failure (onError). */
export type HttpResult = { ok: true; values: Record<string, string> } | { ok: false };

export type FlowStop =
  | { kind: 'wait' }
  | { kind: 'http'; request: HttpRequestPlan }
  | { kind: 'ai'; instructions: string | undefined }
  | { kind: 'handoff'; reason: string; tag: string | undefined }
  | { kind: 'end' }
  /**
   * The flow has nothing more to do here: the conversation was released at the handoff node it
   * had reached. The bot answers as it does without a flow (run-turn.ts).
   */
  | { kind: 'done' };

/** The conversation's variables, channel and clock (what conditions test), and where it is. */
export interface StepInput extends ConditionContext {
  graph: FlowGraph;
  /** The node the conversation is at; null: it has not started the flow. */
  nodeId: string | null;
  state: FlowState | null;
  /** The customer's new messages' contents, oldest first. */
  messages: Record<string, unknown>[];
  /** The result of the http node the previous step stopped at (nodeId). */
  http?: HttpResult;
  /** The chatbot's language (chatbots.language): the default retry is said in it. */
  language?: string;
}

export interface StepOutput {
  messages: FlowMessage[];
  /** In the order written; a key written twice keeps its last value. */
  variables: { key: string; value: string }[];
  nodeId: string;
  state: FlowState;
  stop: FlowStop;
  /** Messages the step did not read (a stop at an http node hands them to the next step). */
  unread: Record<string, unknown>[];
}

/** Node visits one step may make without waiting: more means a loop nobody answers. */
const MAX_VISITS = 200;
/** One step (see the file's comment). Never throws on a graph: a broken one hands off. */
export function step(input: StepInput): StepOutput {
  const nodes = new Map(input.graph.nodes.map((n) => [n.id, n]));
  const vars = { ...input.variables };
  const out: StepOutput = {
    messages: [],
    variables: [],
    nodeId: input.nodeId ?? input.graph.start,
    state: {},
    stop: { kind: 'wait' },
    unread: [],
  };
  const queue = [...input.messages];
  let state: FlowState = { ...(input.state ?? {}) };
  let http = input.http;
  const write = (key: string, value: string) => {
    vars[key] = value;
    out.variables.push({ key, value });
  };
  const say = (m: FlowMessage) => out.messages.push(m);
  const finish = (nodeId: string, stop: FlowStop): StepOutput => {
    out.nodeId = nodeId;
    const { lastMessageId } = input.state ?? {};
    out.state = { ...state, ...(lastMessageId !== undefined ? { lastMessageId } : {}) };
    out.stop = stop;
    out.unread = queue;
    return out;
  };
  // A step that does not start at a waiting ask is begun by its first message (the one that
  // started the conversation, or the one after the model's answers ended): it answers nothing.
  const at = input.nodeId !== null ? nodes.get(input.nodeId) : undefined;
  // Released after the flow's handoff: walking on would hand it off again at once.
  if (at?.kind === 'handoff' && !http) return finish(at.id, { kind: 'done' });
  if (!(at?.kind === 'ask' && state.waiting) && !http && !(at?.kind === 'ai' && state.waiting))
    queue.shift();

  let id = out.nodeId;
  for (let visits = 0; ; visits++) {
    const node = nodes.get(id);
    if (!node)
      return finish(id, {
        kind: 'handoff',
        reason: `The flow has no node "${id}"`,
        tag: undefined,
      });
    if (visits >= MAX_VISITS)
      return finish(id, {
        kind: 'handoff',
        reason: 'The flow went round without waiting for the customer',
        tag: undefined,
      });
    const go = (next: string) => {
      id = next;
      state = {};
    };
    switch (node.kind) {
      case 'message':
        say(contentOf(node, vars));
        if (!node.next) return finish(node.id, { kind: 'end' });
        go(node.next);
        break;
      case 'set':
        write(node.variable, fill(node.value, vars));
        go(node.next);
        break;
      case 'condition': {
        const branch = node.branches.find((b) => holds(b.when, { ...input, variables: vars }));
        go(branch ? branch.next : node.otherwise);
        break;
      }
      case 'ask': {
        if (!state.waiting) {
          say(promptOf(node, vars));
          state = { waiting: true, retries: 0 };
        }
        const answer = queue.shift();
        if (!answer) return finish(node.id, { kind: 'wait' });
        const checked = checkAnswer(node.input, answer, node.choices ?? []);
        if (checked.ok) {
          write(node.variable, checked.value);
          go(node.next);
          break;
        }
        const retries = (state.retries ?? 0) + 1;
        if (retries > node.maxRetries) {
          if (node.onInvalid) {
            go(node.onInvalid);
            break;
          }
          return finish(node.id, {
            kind: 'handoff',
            reason: `The customer's answer to "${node.label ?? node.id}" was not understood`,
            tag: undefined,
          });
        }
        state = { waiting: true, retries };
        say({
          type: 'text',
          content: {
            text: fill(node.retryMessage ?? customerMessage(input.language, 'flowRetry'), vars),
          },
        });
        say(promptOf(node, vars));
        break;
      }
      case 'http': {
        if (!http) {
          const body = node.body === undefined ? undefined : fill(node.body, vars, jsonEscape);
          const url = fill(node.url, vars, encodeURIComponent);
          return finish(node.id, { kind: 'http', request: { node, url, body } });
        }
        const result = http;
        http = undefined;
        if (result.ok) {
          for (const { variable } of node.save)
            if (result.values[variable] !== undefined) write(variable, result.values[variable]!);
          go(node.next);
        } else go(node.onError ?? node.next);
        break;
      }
      case 'ai':
        // At the ai node already: the model's answers end when `until` holds, checked as the
        // customer writes again. Otherwise (or on arrival) the model answers this turn.
        if (state.waiting && node.until && holds(node.until, { ...input, variables: vars })) {
          if (!node.next) return finish(node.id, { kind: 'end' });
          go(node.next);
          break;
        }
        state = { waiting: true };
        queue.length = 0; // the model reads them in the conversation's history
        return finish(node.id, { kind: 'ai', instructions: node.instructions });
      case 'handoff':
        if (node.message) say({ type: 'text', content: { text: fill(node.message, vars) } });
        return finish(node.id, {
          kind: 'handoff',
          reason: node.reason || 'The flow handed the conversation to a person',
          tag: node.tag || undefined,
        });
      case 'end':
        if (node.message) say({ type: 'text', content: { text: fill(node.message, vars) } });
        return finish(node.id, { kind: 'end' });
    }
  }
}

const jsonEscape = (v: string) => JSON.stringify(v).slice(1, -1);

/**
 * Steps until the flow stops for something other than an HTTP call, making each call with
 * `call` (http-node.ts) and stepping on with its result: the outputs of every step together,
 * saved as one (a worker killed meanwhile saved nothing; the calls may be made again).
 */
export async function walkFlow(
  input: StepInput,
  call: (request: HttpRequestPlan) => Promise<HttpResult>,
): Promise<StepOutput> {
  let out = step(input);
  const messages = [...out.messages];
  const variables = [...out.variables];
  let vars = { ...input.variables };
  while (out.stop.kind === 'http') {
    const result = await call(out.stop.request);
    for (const v of out.variables) vars = { ...vars, [v.key]: v.value };
    out = step({
      ...input,
      nodeId: out.nodeId,
      state: out.state,
      variables: vars,
      messages: out.unread,
      http: result,
    });
    messages.push(...out.messages);
    variables.push(...out.variables);
  }
  return { ...out, messages, variables };
}
