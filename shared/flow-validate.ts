import type { FlowGraph, FlowNode, FlowProblem } from './flow';
import { edgesOf, FLOW_PLACEHOLDER, type FlowEdge, reachableFrom, readsOf } from './flow-graph';

/*
 * What publishing a flow checks (issue 21), beyond the zod shape a draft already has: a graph
 * whose every path starts, ends (or waits for the customer while it loops) and reads only the
 * variables written before it. Pure, so the console's editor shows the very messages the server
 * refuses with. Every problem names the node it is about.
 */

/** WhatsApp's limits, which every channel keeps (a reply button's title, a list row's). */
export const BUTTON_TITLE_MAX = 20;
export const LIST_ROW_TITLE_MAX = 24;
export const LIST_ROWS_MAX = 10;
export const BUTTONS_MAX = 3;

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Headers node:http writes itself or that would change what the request means. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

/** Nodes where a path may stop: the flow ends, humans take over, or the model answers on. */
const isTerminal = (n: FlowNode) =>
  n.kind === 'end' || n.kind === 'handoff' || (n.kind === 'ai' && n.next === undefined);

/** Nodes that wait for the customer: a loop through one of them is a conversation, not a hang. */
const waits = (n: FlowNode) => n.kind === 'ask' || n.kind === 'ai';

/** The problems that keep `graph` from being published; empty when it may go live. */
export function validateFlow(graph: FlowGraph): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const say = (nodeId: string | null, message: string) => problems.push({ nodeId, message });
  const byId = new Map<string, FlowNode>();
  const counted = new Map<string, number>();
  for (const node of graph.nodes) {
    counted.set(node.id, (counted.get(node.id) ?? 0) + 1);
    if (!byId.has(node.id)) byId.set(node.id, node);
  }
  for (const [id, n] of counted)
    if (n > 1) say(id, `Node "${id}": ${n} nodes have this id; each node needs its own`);
  if (!byId.has(graph.start))
    say(null, `The start node "${graph.start}" is not a node of the flow`);

  const edges = new Map<string, FlowEdge[]>();
  for (const node of byId.values()) {
    const valid: FlowEdge[] = [];
    for (const e of edgesOf(node)) {
      if (byId.has(e.to)) valid.push(e);
      else say(node.id, `Node "${node.id}": its ${e.field} goes to "${e.to}", which is not a node`);
    }
    edges.set(node.id, valid);
    nodeRules(node, say);
  }
  if (!byId.has(graph.start)) return problems;

  const reachable = reachableFrom(graph.start, edges);
  for (const node of byId.values()) {
    if (!reachable.has(node.id)) {
      say(node.id, `Node "${node.id}": no path from the start node reaches it`);
      continue;
    }
    if (edgesOf(node).length === 0 && !isTerminal(node))
      say(
        node.id,
        `Node "${node.id}": the flow stops here; give it a next node, or end the path with an end or handoff node`,
      );
  }
  for (const loop of busyLoops(byId, reachable, edges))
    say(
      loop[0]!,
      `Node "${loop[0]}": loops through ${loop.map((id) => `"${id}"`).join(', ')} without waiting for the customer; add an ask or ai node to the loop, or leave it`,
    );
  variableRules(graph.start, byId, reachable, edges, say);
  return problems;
}

type Say = (nodeId: string | null, message: string) => void;

/** What one node must hold by itself: choices, WhatsApp's limits, an http node's URL and headers. */
function nodeRules(node: FlowNode, say: Say): void {
  const at = `Node "${node.id}":`;
  const choiceRules = (choices: { id: string; title: string }[], asButtons: boolean) => {
    const ids = new Set<string>();
    for (const c of choices) {
      if (ids.has(c.id)) say(node.id, `${at} two choices have the id "${c.id}"`);
      ids.add(c.id);
      const max = asButtons ? BUTTON_TITLE_MAX : LIST_ROW_TITLE_MAX;
      if (c.title.length > max)
        say(
          node.id,
          `${at} "${c.title}" is longer than ${max} characters, WhatsApp's limit for ${asButtons ? 'a button' : 'a list row'}`,
        );
    }
  };
  if (node.kind === 'message' && node.content.type === 'buttons') {
    if (node.content.buttons.length > BUTTONS_MAX)
      say(node.id, `${at} at most ${BUTTONS_MAX} buttons`);
    choiceRules(node.content.buttons, true);
  }
  if (node.kind === 'message' && node.content.type === 'list') {
    if (node.content.rows.length > LIST_ROWS_MAX)
      say(node.id, `${at} at most ${LIST_ROWS_MAX} list rows`);
    choiceRules(node.content.rows, false);
  }
  if (node.kind === 'ask' && node.input === 'choice') {
    const choices = node.choices ?? [];
    if (choices.length === 0) say(node.id, `${at} a choice question needs at least one choice`);
    // Sent as buttons up to three choices, as a list beyond (shared/flow.ts interactiveContent).
    choiceRules(choices, choices.length <= BUTTONS_MAX);
  }
  if (node.kind === 'http') {
    const problem = httpUrlProblem(node.url);
    if (problem) say(node.id, `${at} ${problem}`);
    const names = new Set<string>();
    for (const [name, value] of Object.entries(node.headers ?? {})) {
      const key = name.toLowerCase();
      if (!HEADER_NAME.test(name)) say(node.id, `${at} "${name}" is not a valid HTTP header name`);
      else if (RESERVED_HEADERS.has(key))
        say(node.id, `${at} the header "${name}" is set by the server`);
      if (names.has(key)) say(node.id, `${at} the header "${name}" is given twice`);
      names.add(key);
      if (value === '') say(node.id, `${at} the header "${name}" has no value`);
      if (/[\r\n\0]/.test(value))
        say(node.id, `${at} the value of the header "${name}" must be one line`);
    }
  }
}

/** Why an http node's URL cannot be called, once its placeholders are filled; undefined if it can. */
export function httpUrlProblem(template: string): string | undefined {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(template)?.[0] ?? '';
  // A customer's answer must not choose where the request goes (as for custom tools).
  if (/\{\{/.test(origin)) return 'the scheme and host of the URL cannot hold a {{variable}}';
  let url: URL;
  try {
    url = new URL(template.replace(FLOW_PLACEHOLDER, 'x'));
  } catch {
    return `"${template}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'the URL must start with http:// or https://';
  if (url.username || url.password) return 'put credentials in a header, not in the URL';
  return undefined;
}

/**
 * Loops of nodes that never wait for the customer (message, condition, set, http): the engine
 * would run them forever. Tarjan's strongly connected components over those nodes only; each
 * loop listed in the graph's order of its nodes.
 */
function busyLoops(
  byId: Map<string, FlowNode>,
  reachable: Set<string>,
  edges: Map<string, FlowEdge[]>,
): string[][] {
  const busy = (id: string) => reachable.has(id) && !waits(byId.get(id)!);
  const order = [...byId.keys()].filter(busy);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const { to } of edges.get(id) ?? []) {
      if (!busy(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(id, Math.min(low.get(id)!, index.get(to)!));
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    for (let top = stack.pop()!; ; top = stack.pop()!) {
      onStack.delete(top);
      component.push(top);
      if (top === id) break;
    }
    const selfLoop = (edges.get(id) ?? []).some((e) => e.to === id);
    if (component.length > 1 || selfLoop) loops.push(order.filter((n) => component.includes(n)));
  };
  for (const id of order) if (!index.has(id)) visit(id);
  return loops.sort((a, b) => order.indexOf(a[0]!) - order.indexOf(b[0]!));
}

/**
 * Every variable a node reads must be set on every path from the start to it: a forward
 * dataflow where a node's "surely set" variables are the intersection over the edges into it
 * (and the start has none), beside the union ("set on some path") that words the message.
 */
function variableRules(
  start: string,
  byId: Map<string, FlowNode>,
  reachable: Set<string>,
  edges: Map<string, FlowEdge[]>,
  say: Say,
): void {
  const surely = new Map<string, Set<string>>([[start, new Set()]]);
  const maybe = new Map<string, Set<string>>([[start, new Set()]]);
  const queue = [start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const e of edges.get(id) ?? []) {
      const outSure = new Set([...surely.get(id)!, ...e.writes]);
      const outMaybe = new Set([...maybe.get(id)!, ...e.writes, ...(e.mayWrite ?? [])]);
      const sure = surely.get(e.to);
      const may = maybe.get(e.to);
      const nextSure =
        e.to === start ? new Set<string>() : sure ? intersect(sure, outSure) : outSure;
      const nextMay = new Set([...(may ?? []), ...outMaybe]);
      if (!sure || nextSure.size !== sure.size || !may || nextMay.size !== may.size) {
        surely.set(e.to, nextSure);
        maybe.set(e.to, nextMay);
        queue.push(e.to);
      }
    }
  }
  for (const node of byId.values()) {
    if (!reachable.has(node.id)) continue;
    for (const variable of readsOf(node)) {
      if (surely.get(node.id)!.has(variable)) continue;
      const why = maybe.get(node.id)!.has(variable)
        ? 'which is not set on every path to it'
        : 'which no node before it sets';
      say(node.id, `Node "${node.id}": reads {{${variable}}}, ${why}`);
    }
  }
}

const intersect = (a: Set<string>, b: Set<string>) => new Set([...a].filter((v) => b.has(v)));
