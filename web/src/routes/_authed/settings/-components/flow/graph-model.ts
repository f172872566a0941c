import {
  type FlowGraph,
  FlowNode,
  type FlowNodeKind,
  type FlowProblem,
} from '../../../../../../../shared/flow';
import { validateFlow } from '../../../../../../../shared/flow-validate';
import { type FlowsT, type OutName, problemText, zodIssueText } from './flow-texts';

/*
 * The editor's model of a flow. While someone edits, a node may be unfinished (an ask with no
 * `next` yet), so the editor holds nodes as loose objects and checks each one with the shared
 * zod schema `FlowNode`; the graph as a whole with the shared validator, the very code that
 * refuses a publish on the server. Edges are not stored apart: an edge IS a node's field.
 */

export type EditorNode = Record<string, unknown> & {
  id: string;
  kind: FlowNodeKind;
  position: { x: number; y: number };
};
export interface EditorGraph {
  start: string;
  nodes: EditorNode[];
}

/** The palette's kinds, in its order; their names are the catalogue's `kinds.<kind>`. */
export const NODE_KINDS: FlowNodeKind[] = [
  'message',
  'ask',
  'condition',
  'set',
  'http',
  'ai',
  'handoff',
  'end',
];

/** A way out of a node: the handle it is drawn from and the field it sets. */
export interface OutField {
  /** Handle id: `next`, `onInvalid`, `onError`, `otherwise`, `branch-<i>`. */
  handle: string;
  /** Its name (flow-texts.ts `outLabel`), and a branch's number from 1. */
  name: OutName;
  branch?: number;
  required: boolean;
}

export function outFields(node: EditorNode): OutField[] {
  switch (node.kind) {
    case 'message':
      return [{ handle: 'next', name: 'next', required: false }];
    case 'ai':
      return [{ handle: 'next', name: 'next', required: false }];
    case 'set':
      return [{ handle: 'next', name: 'next', required: true }];
    case 'ask':
      return [
        { handle: 'next', name: 'nextAnswered', required: true },
        { handle: 'onInvalid', name: 'onInvalid', required: false },
      ];
    case 'http':
      return [
        { handle: 'next', name: 'next', required: true },
        { handle: 'onError', name: 'onError', required: false },
      ];
    case 'condition': {
      const branches = Array.isArray(node.branches) ? node.branches : [];
      return [
        ...branches.map((_, i) => ({
          handle: `branch-${i}`,
          name: 'branch' as const,
          branch: i + 1,
          required: true,
        })),
        { handle: 'otherwise', name: 'otherwise', required: true },
      ];
    }
    case 'handoff':
    case 'end':
      return [];
  }
}

type Branch = { when?: unknown; next?: string };
const branchesOf = (node: EditorNode): Branch[] =>
  Array.isArray(node.branches) ? (node.branches as Branch[]) : [];

/** Where the handle's field goes (undefined: nowhere yet). */
export function targetOf(node: EditorNode, handle: string): string | undefined {
  if (handle.startsWith('branch-')) return branchesOf(node)[Number(handle.slice(7))]?.next;
  const value = node[handle];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The node with the handle's field set to `to`, or cleared. */
export function withTarget(node: EditorNode, handle: string, to: string | undefined): EditorNode {
  if (handle.startsWith('branch-')) {
    const i = Number(handle.slice(7));
    const branches = branchesOf(node).map((b, j) => (j === i ? { ...b, next: to } : b));
    return { ...node, branches };
  }
  const copy: EditorNode = { ...node };
  if (to === undefined) delete copy[handle];
  else copy[handle] = to;
  return copy;
}

/** Every edge of the graph, read from the nodes' fields. */
export function edgesOf(graph: EditorGraph) {
  return graph.nodes.flatMap((node) =>
    outFields(node).flatMap((f) => {
      const to = targetOf(node, f.handle);
      return to === undefined ? [] : [{ from: node.id, handle: f.handle, out: f, to }];
    }),
  );
}

/** A new node of `kind` with the fields its form starts with, labelled with its kind's name. */
export function newNode(
  kind: FlowNodeKind,
  id: string,
  position: EditorNode['position'],
  label: string,
) {
  const fields: Record<FlowNodeKind, Record<string, unknown>> = {
    message: { content: { type: 'text', text: '' } },
    ask: { prompt: '', variable: '', input: 'text', maxRetries: 2 },
    condition: { branches: [{ when: { on: 'variable', variable: '', op: 'equals', value: '' } }] },
    set: { variable: '', value: '' },
    http: { method: 'GET', url: '', timeoutMs: 5000, save: [] },
    ai: {},
    handoff: {},
    end: {},
  };
  return { id, kind, label, position, ...fields[kind] } as EditorNode;
}

/** An id not used yet: `ask-2` after `ask-1`. */
export function freshId(graph: EditorGraph, kind: FlowNodeKind): string {
  const used = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!used.has(`${kind}-${i}`)) return `${kind}-${i}`;
}

/** The node renamed, and every field that named it (and the start) following it. */
export function renameNode(graph: EditorGraph, from: string, to: string): EditorGraph {
  const follow = (node: EditorNode) =>
    outFields(node).reduce(
      (n, f) => (targetOf(n, f.handle) === from ? withTarget(n, f.handle, to) : n),
      node,
    );
  return {
    start: graph.start === from ? to : graph.start,
    nodes: graph.nodes.map((n) => follow(n.id === from ? { ...n, id: to } : n)),
  };
}

/** The graph without `ids`; fields that named them are cleared, the start moves if it went. */
export function removeNodes(graph: EditorGraph, ids: Set<string>): EditorGraph {
  const nodes = graph.nodes
    .filter((n) => !ids.has(n.id))
    .map((node) =>
      outFields(node).reduce((n, f) => {
        const to = targetOf(n, f.handle);
        return to !== undefined && ids.has(to) ? withTarget(n, f.handle, undefined) : n;
      }, node),
    );
  const start = ids.has(graph.start) ? (nodes[0]?.id ?? '') : graph.start;
  return { start, nodes };
}

/** The issues `FlowNode` finds in one node, keyed by field path ("content.buttons.0.title"). */
export function fieldErrors(node: EditorNode, t: FlowsT): Record<string, string> {
  const parsed = FlowNode.safeParse(node);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= zodIssueText(t, issue);
  return errors;
}

/** Nodes that have a value stored for a blank header (the server keeps it: not a problem). */
export type SealedHeaders = { nodeId: string; name: string }[];

/**
 * What stops the graph from being published, per node: each node's field errors, then the
 * shared validator's problems. The validator runs over nodes as they are (a missing array read
 * as empty), so a half-filled node does not hide the graph's other problems.
 */
export function problemsOf(graph: EditorGraph, sealed: SealedHeaders, t: FlowsT): FlowProblem[] {
  if (graph.nodes.length === 0) return [{ nodeId: null, message: t('problems.empty') }];
  const problems: FlowProblem[] = [];
  for (const node of graph.nodes)
    for (const [path, message] of Object.entries(fieldErrors(node, t)))
      problems.push({
        nodeId: node.id,
        message: t('problems.node', {
          id: node.id,
          problem: t('problems.field', { path: path || t('problems.wholeNode'), message }),
        }),
      });
  try {
    for (const p of validateFlow(lenient(graph, sealed)))
      problems.push({ ...p, message: problemText(t, p.message) });
  } catch {
    // A node too broken to walk: its field errors above already say why.
  }
  return problems;
}

function lenient(graph: EditorGraph, sealed: SealedHeaders): FlowGraph {
  const nodes = graph.nodes.map((n) => {
    const node: Record<string, unknown> = { ...n };
    if (n.kind === 'condition') node.branches = branchesOf(n).filter((b) => b.when);
    if (n.kind === 'http') {
      node.save = Array.isArray(n.save) ? n.save : [];
      // A blank value the server holds sealed is kept on save: only a truly empty one is a problem.
      const headers = (n.headers ?? {}) as Record<string, string>;
      node.headers = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [
          k,
          v === '' && sealed.some((s) => s.nodeId === n.id && s.name === k) ? 'sealed' : v,
        ]),
      );
    }
    if (n.kind === 'message' && typeof n.content !== 'object')
      node.content = { type: 'text', text: '' };
    return node;
  });
  return { start: graph.start, nodes } as unknown as FlowGraph;
}

/** The graph to save, if every node is whole; else the ids of the nodes that are not. */
export function toFlowGraph(graph: EditorGraph): { graph: FlowGraph } | { unfinished: string[] } {
  const parsed = graph.nodes.map((n) => FlowNode.safeParse(n));
  const unfinished = graph.nodes.filter((_, i) => !parsed[i]!.success).map((n) => n.id);
  if (unfinished.length > 0) return { unfinished };
  return {
    graph: { start: graph.start, nodes: parsed.map((p) => (p.success ? p.data : null)!) },
  };
}

/** A stored graph as the editor holds it: every node given a position so it can be drawn. */
export function fromFlowGraph(graph: FlowGraph | null): EditorGraph {
  if (!graph) return { start: '', nodes: [] };
  return {
    start: graph.start,
    nodes: graph.nodes.map(
      (n, i) =>
        ({
          ...n,
          position: n.position ?? { x: (i % 3) * 260, y: Math.floor(i / 3) * 160 },
        }) as EditorNode,
    ),
  };
}

/** Where a node added from the palette goes: under the lowest one. */
export function nextPosition(graph: EditorGraph): EditorNode['position'] {
  if (graph.nodes.length === 0) return { x: 0, y: 0 };
  const lowest = Math.max(...graph.nodes.map((n) => n.position.y));
  return { x: 0, y: lowest + 150 };
}
