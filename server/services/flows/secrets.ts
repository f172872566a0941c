import type { FlowGraph, FlowNode } from '../../../shared/flow';
import { decryptSecret, encryptSecret } from '../../auth/secrets';

/*
 * An http node's header values (an API key, a bearer token) are stored sealed with
 * encryptSecret in drafts and versions alike, and never leave the server: the console gets
 * each header's name with a blank value, as custom tools show only their headers' names. A
 * blank value sent back means "keep the one stored", since the console never has it to send.
 */

type HttpNode = Extract<FlowNode, { kind: 'http' }>;

const isHttp = (n: FlowNode): n is HttpNode => n.kind === 'http';

function mapHeaders(
  graph: FlowGraph,
  fn: (node: HttpNode, headers: Record<string, string>) => Record<string, string>,
): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      isHttp(n) && n.headers ? { ...n, headers: fn(n, n.headers) } : n,
    ),
  };
}

/** The first stored value of header `name` of node `nodeId` (names are case-insensitive). */
function storedValue(stored: FlowGraph[], nodeId: string, name: string): string | undefined {
  const key = name.toLowerCase();
  for (const graph of stored) {
    const node = graph.nodes.find((n) => n.id === nodeId);
    if (!node || !isHttp(node)) continue;
    const value = Object.entries(node.headers ?? {}).find(([k]) => k.toLowerCase() === key)?.[1];
    if (value) return value;
  }
  return undefined;
}

/**
 * The graph to store: each header value given is sealed; a blank one keeps the value stored
 * for the same node id and header name in the first of `stored` that has one. With none,
 * `blank: 'keep'` stores the header blank (a draft may be unfinished; publishing refuses it)
 * and `blank: 'drop'` leaves it out (an imported file never carries values).
 */
export function sealGraph(
  given: FlowGraph,
  stored: FlowGraph[],
  blank: 'keep' | 'drop',
): FlowGraph {
  return mapHeaders(given, (node, headers) => {
    const sealed: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value !== '') sealed[name] = encryptSecret(value);
      else {
        const kept = storedValue(stored, node.id, name);
        if (kept !== undefined || blank === 'keep') sealed[name] = kept ?? '';
      }
    }
    return sealed;
  });
}

/** The graph with every header value blank: what the console, exports and versions show. */
export function blankHeaders(graph: FlowGraph): FlowGraph {
  return mapHeaders(graph, (_node, headers) =>
    Object.fromEntries(Object.keys(headers).map((name) => [name, ''])),
  );
}

/** The headers that hold a stored value, so the editor can say "set" without showing it. */
export function sealedHeaderNames(graph: FlowGraph): { nodeId: string; name: string }[] {
  return graph.nodes.flatMap((n) =>
    isHttp(n)
      ? Object.entries(n.headers ?? {})
          .filter(([, v]) => v !== '')
          .map(([name]) => ({ nodeId: n.id, name }))
          // jsonb keeps no key order: by name, so the answer does not shuffle.
          .sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );
}

/** A stored graph with its header values in clear: for the engine's requests, never for output. */
export function openedGraph(graph: FlowGraph): FlowGraph {
  return mapHeaders(graph, (_node, headers) =>
    Object.fromEntries(
      Object.entries(headers).map(([name, v]) => [name, v === '' ? '' : decryptSecret(v)]),
    ),
  );
}
