import { z } from 'zod';
import { CHANNELS } from './enums';

/*
 * A chatbot's flow (issue 21): a graph of nodes the bot walks a customer through, each with a
 * stable id that becomes the conversation's `currentNodeId` (seed 002). The server stores, runs
 * and validates it; the console's editor builds it with the same schema and messages. A node
 * names the node that follows it (`next`) or, for branching kinds, one per branch: the edges are
 * the nodes' own fields, so a graph cannot hold an edge to nowhere without the validator saying
 * which node it leaves.
 */

/** A node's id: what `currentNodeId` holds, stable across versions of a flow. */
export const FlowNodeId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, "-" and "_"');
export type FlowNodeId = z.infer<typeof FlowNodeId>;

/** A conversation variable's key (seed 002's `nome`, `pedido`). */
export const FlowVariable = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Start with a letter or "_", then letters, digits or "_"');

/** Text the bot sends; `{{name}}` is replaced by the conversation's variable `name`. */
const Text = z.string().trim().min(1).max(4096);

/** A reply button or a list row: the customer's choice comes back with its id. */
export const FlowChoice = z.object({
  id: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(24),
  description: z.string().trim().max(72).optional(),
});
export type FlowChoice = z.infer<typeof FlowChoice>;

/** What a `message` node sends: WhatsApp's limits apply on every channel (3 buttons, 10 rows). */
export const FlowContent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: Text }),
  z.object({
    type: z.literal('buttons'),
    text: Text,
    buttons: z.array(FlowChoice).min(1).max(3),
  }),
  z.object({
    type: z.literal('list'),
    text: Text,
    /** The label of the button that opens the list (WhatsApp: at most 20 characters). */
    button: z.string().trim().min(1).max(20),
    rows: z.array(FlowChoice).min(1).max(10),
  }),
  z.object({
    type: z.literal('media'),
    mediaType: z.enum(['image', 'video', 'audio', 'document']),
    url: z.string().url().max(2048),
    caption: z.string().trim().max(1024).optional(),
  }),
]);
export type FlowContent = z.infer<typeof FlowContent>;

export const FLOW_INPUTS = ['text', 'number', 'email', 'phone', 'date', 'choice'] as const;
export type FlowInput = (typeof FLOW_INPUTS)[number];

/** A test a `condition` branch makes. */
export const FlowCondition = z.discriminatedUnion('on', [
  z.object({
    on: z.literal('variable'),
    variable: FlowVariable,
    op: z.enum(['equals', 'not_equals', 'contains', 'exists', 'not_exists', 'gt', 'lt']),
    value: z.string().max(500).optional(),
  }),
  z.object({ on: z.literal('channel'), channels: z.array(z.enum(CHANNELS)).min(1) }),
  /** Within the workspace's business hours, in its time zone. */
  z.object({ on: z.literal('business_hours'), open: z.boolean() }),
]);
export type FlowCondition = z.infer<typeof FlowCondition>;

const base = {
  id: FlowNodeId,
  /** The editor's label and position; the engine ignores them. */
  label: z.string().trim().max(80).optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
};
const next = FlowNodeId;

export const FlowNode = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('message'), content: FlowContent, next: next.optional() }),
  z.object({
    ...base,
    kind: z.literal('ask'),
    /** The question; for `choice`, sent with `choices` as buttons (≤ 3) or a list (≤ 10). */
    prompt: Text,
    variable: FlowVariable,
    input: z.enum(FLOW_INPUTS),
    choices: z.array(FlowChoice).max(10).optional(),
    /** Sent when the answer does not validate; then the question again. */
    retryMessage: Text.optional(),
    maxRetries: z.number().int().min(0).max(10).default(2),
    next,
    /** Where to go when the retries are spent; without it, a handoff to humans. */
    onInvalid: FlowNodeId.optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('condition'),
    branches: z
      .array(z.object({ when: FlowCondition, next }))
      .min(1)
      .max(20),
    otherwise: next,
  }),
  z.object({
    ...base,
    kind: z.literal('set'),
    variable: FlowVariable,
    /** May name other variables: `{{nome}}`. */
    value: z.string().max(1000),
    next,
  }),
  z.object({
    ...base,
    kind: z.literal('http'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** May hold `{{variable}}` placeholders, URL-encoded when filled. */
    url: z.string().trim().min(1).max(2048),
    /** Header values are encrypted at rest and never serialized back (like custom tools). */
    headers: z.record(z.string(), z.string().max(4096)).optional(),
    body: z.string().max(10_000).optional(),
    timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
    /** Response fields (a dotted path in the JSON answer) stored in variables. */
    save: z
      .array(z.object({ variable: FlowVariable, path: z.string().trim().min(1).max(200) }))
      .max(20)
      .default([]),
    next,
    /** Where to go when the call fails (network, timeout, a status ≥ 400); default: `next`. */
    onError: FlowNodeId.optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('ai'),
    /** Extra instructions for this step, added to the chatbot's prompt. */
    instructions: z.string().max(4000).optional(),
    /** The model answers with the knowledge base until this holds (then `next`) or it hands off. */
    until: FlowCondition.optional(),
    next: next.optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('handoff'),
    reason: z.string().trim().max(500).optional(),
    /** Only agents with this tag are offered the conversation. */
    tag: z.string().trim().max(64).optional(),
    message: Text.optional(),
  }),
  z.object({ ...base, kind: z.literal('end'), message: Text.optional() }),
]);
export type FlowNode = z.infer<typeof FlowNode>;
export type FlowNodeKind = FlowNode['kind'];

/** A flow's graph, as stored in a draft or a published version, imported and exported. */
export const FlowGraph = z.object({
  start: FlowNodeId,
  nodes: z.array(FlowNode).min(1).max(500),
});
export type FlowGraph = z.infer<typeof FlowGraph>;

/** A problem publishing refuses, naming the node it is about (null: the whole graph). */
export interface FlowProblem {
  nodeId: string | null;
  message: string;
}

/**
 * What a message node's buttons or list are stored and sent as: a message of type
 * `interactive` whose content is WhatsApp's interactive object (seed 002's shape), which the
 * WhatsApp Cloud adapter sends as it is, the QR bridges as numbered text, and the widget draws.
 */
export type InteractiveContent =
  | {
      type: 'button';
      body: { text: string };
      action: { buttons: { id: string; title: string }[] };
    }
  | {
      type: 'list';
      body: { text: string };
      action: {
        button: string;
        sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
      };
    };

/** A flow's buttons or list as the interactive content every channel reads. */
export function interactiveContent(
  text: string,
  choices: FlowChoice[],
  listButton = 'Options',
): InteractiveContent {
  if (choices.length <= 3)
    return {
      type: 'button',
      body: { text },
      action: { buttons: choices.map(({ id, title }) => ({ id, title })) },
    };
  return {
    type: 'list',
    body: { text },
    action: { button: listButton, sections: [{ rows: choices.map((c) => ({ ...c })) }] },
  };
}

/**
 * The option a customer chose, from an inbound message's content: WhatsApp Cloud's
 * `button_reply` / `list_reply` (server/channels/whatsapp-cloud/inbound.ts), a template's quick
 * reply (`{type: 'button', payload}`), or the widget's, which sends the Cloud API's shape too
 * (`{type: 'button_reply', button_reply: {id, title}, text: title}`). Null for typed text.
 */
export function chosenOption(
  content: Record<string, unknown>,
): { id: string; title: string } | null {
  const kind = content.type;
  if (kind === 'button_reply' || kind === 'list_reply') {
    const reply = content[kind] as { id?: unknown; title?: unknown } | null | undefined;
    if (reply && typeof reply.id === 'string')
      return { id: reply.id, title: typeof reply.title === 'string' ? reply.title : '' };
  }
  if (kind === 'button' && typeof content.payload === 'string')
    return { id: content.payload, title: typeof content.text === 'string' ? content.text : '' };
  return null;
}

/** The `format` an exported flow file carries (import refuses any other). */
export const FLOW_DOCUMENT_FORMAT = 'support-inbox.flow';

/** A flow as a JSON file (export and import): the graph, with http header values left blank. */
export const FlowDocument = z.object({
  format: z.literal(FLOW_DOCUMENT_FORMAT),
  version: z.literal(1),
  graph: FlowGraph,
});
export type FlowDocument = z.infer<typeof FlowDocument>;
