import type { FlowCondition, FlowNode } from './flow';

/*
 * How a flow's graph reads (issue 21): the placeholders of its texts, each node's ways out and
 * what it sets on them, the variables it reads, what a node reaches. The publish rules
 * (flow-validate.ts) and the engine's texts (server/services/flows/node-content.ts) share it.
 */

/** A `{{name}}` placeholder: the engine fills it with the conversation's variable `name`. */
export const FLOW_PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/** The variables a text reads, in order, each once. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(FLOW_PLACEHOLDER)].map((m) => m[1]!))];
}

/** A way out of a node: the field that names it, where it goes, what it sets on the way. */
export interface FlowEdge {
  field: string;
  to: string;
  writes: string[];
  /** Set on some runs only (an http node's saves, with no onError to take the failures). */
  mayWrite?: string[];
}

/** Conditions that only hold when the variable is set: on such a branch, it is. */
const provesSet = (c: FlowCondition) => c.on === 'variable' && c.op === 'exists';

/** The node's ways out. An ask sets its variable only when answered; an http node its saves
 * only when the call worked, which `next` alone does not promise without an `onError`. */
export function edgesOf(node: FlowNode): FlowEdge[] {
  const edge = (
    field: string,
    to: string | undefined,
    writes: string[] = [],
    mayWrite?: string[],
  ) => (to === undefined ? [] : [{ field, to, writes, mayWrite }]);
  switch (node.kind) {
    case 'message':
    case 'ai':
      return edge('next', node.next);
    case 'ask':
      return [...edge('next', node.next, [node.variable]), ...edge('onInvalid', node.onInvalid)];
    case 'condition':
      return [
        ...node.branches.flatMap((b, i) =>
          edge(
            `branch ${i + 1}`,
            b.next,
            provesSet(b.when) ? [(b.when as { variable: string }).variable] : [],
          ),
        ),
        ...edge('otherwise', node.otherwise),
      ];
    case 'set':
      return edge('next', node.next, [node.variable]);
    case 'http': {
      const saved = node.save.map((s) => s.variable);
      return [
        ...(node.onError ? edge('next', node.next, saved) : edge('next', node.next, [], saved)),
        ...edge('onError', node.onError),
      ];
    }
    case 'handoff':
    case 'end':
      return [];
  }
}

const conditionReads = (c: FlowCondition | undefined): string[] =>
  c?.on === 'variable' && c.op !== 'exists' && c.op !== 'not_exists'
    ? [c.variable, ...placeholders(c.value ?? '')]
    : [];

/** Every variable the node reads before it moves on: placeholders and tested variables. */
export function readsOf(node: FlowNode): string[] {
  const texts: string[] = [];
  const conditions: (FlowCondition | undefined)[] = [];
  switch (node.kind) {
    case 'message': {
      const c = node.content;
      if (c.type === 'media') texts.push(c.url, c.caption ?? '');
      else texts.push(c.text);
      if (c.type === 'buttons') texts.push(...c.buttons.map((b) => b.title));
      if (c.type === 'list') texts.push(...c.rows.map((r) => `${r.title} ${r.description ?? ''}`));
      break;
    }
    case 'ask':
      texts.push(node.prompt, node.retryMessage ?? '', ...(node.choices ?? []).map((c) => c.title));
      break;
    case 'condition':
      conditions.push(...node.branches.map((b) => b.when));
      break;
    case 'set':
      texts.push(node.value);
      break;
    case 'http':
      texts.push(node.url, node.body ?? '', ...Object.values(node.headers ?? {}));
      break;
    case 'ai':
      texts.push(node.instructions ?? '');
      conditions.push(node.until);
      break;
    case 'handoff':
      texts.push(node.message ?? '', node.reason ?? '');
      break;
    case 'end':
      texts.push(node.message ?? '');
      break;
  }
  return [...new Set([...texts.flatMap(placeholders), ...conditions.flatMap(conditionReads)])];
}

/** The nodes `start` reaches by `edges`, itself included. */
export function reachableFrom(start: string, edges: Map<string, FlowEdge[]>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift())
    for (const e of edges.get(id) ?? [])
      if (!seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
  return seen;
}
