import type { ChatbotTool } from '../../db/schema';
import { callHttpTool } from '../bot-tools/http-call';
import type { HttpRequestPlan, HttpResult } from './engine';

/**
 * A flow's http node, called as a custom tool is (issue 20's rules, issue 21): the same network
 * guard (no private, loopback or link-local address unless the host is allowed), no redirects,
 * the node's timeout, the response size limit, the header values decrypted only for the call.
 * The node is handed to callHttpTool as the tool it would be: its filled URL as the template,
 * its body (JSON, placeholders filled) as the arguments callHttpTool sends as a JSON body.
 * Never throws: a failure is `{ok: false}` and the flow goes on at onError (or next).
 */

/** The node's body as callHttpTool's arguments: a JSON object, or nothing for no body. */
function bodyArguments(body: string | undefined): Record<string, unknown> | null {
  if (body === undefined || body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A value saved into a variable: text as it is, anything else as JSON. */
const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Makes the node's request. `allowedHosts`: hosts an admin let this chatbot reach although they
 * resolve to a private address (run.ts passes its custom tools' allowed hosts). The node's header
 * values are stored sealed (server/services/flows/secrets.ts, sealGraph): they are passed on
 * sealed, and callHttpTool decrypts each for the request, as it does a tool's.
 */
export async function callHttpNode(
  plan: HttpRequestPlan,
  allowedHosts: readonly string[],
  signal?: AbortSignal,
): Promise<HttpResult> {
  const { node } = plan;
  const args = bodyArguments(plan.body);
  if (args === null) return { ok: false }; // a body that is not a JSON object cannot be sent
  const paths = node.save.map((s) => s.path);
  const tool: ChatbotTool = {
    id: 0,
    uuid: '',
    workspaceId: 0,
    chatbotId: 0,
    name: `flow_${node.id}`,
    description: '',
    parameters: { type: 'object' },
    method: node.method,
    urlTemplate: plan.url,
    headers: Object.entries(node.headers ?? {})
      .filter(([, sealed]) => sealed !== '')
      .map(([name, sealed]) => ({ name, sealed })),
    timeoutMs: node.timeoutMs,
    responseFields: paths,
    enabled: true,
    allowedHosts: [...allowedHosts],
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
  const outcome = await callHttpTool(tool, args, signal);
  const result = outcome.result as { ok?: boolean; data?: unknown };
  if (result.ok !== true) return { ok: false };
  const data = (result.data ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const { variable, path } of node.save) {
    const v = data[path];
    if (v !== undefined && v !== null) values[variable] = asText(v);
  }
  return { ok: true, values };
}
