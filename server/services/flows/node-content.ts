import type { Channel } from '../../../shared/enums';
import {
  type FlowCondition,
  type FlowNode,
  type InteractiveContent,
  interactiveContent,
} from '../../../shared/flow';
import { FLOW_PLACEHOLDER } from '../../../shared/flow-graph';
import type { BusinessHoursSpan } from '../../db/schema/workspaces';
import { isOpen } from './business-hours';
import { fold } from './inputs';

/**
 * What a flow's nodes say and test (engine.ts walks them): texts with `{{variable}}`
 * placeholders filled, the messages a node sends, and whether a branch's condition holds.
 */

/** A message a step sends the customer. */
export type FlowMessage =
  | { type: 'text'; content: { text: string } }
  | { type: 'interactive'; content: InteractiveContent }
  | {
      type: 'media';
      content: { mediaType: string; url: string; caption?: string };
    };

/** What a condition is tested against: the conversation's variables and channel, the clock. */
export interface ConditionContext {
  variables: Record<string, string>;
  channel: Channel | null;
  now: Date;
  timeZone: string;
  businessHours: readonly BusinessHoursSpan[];
}

/** `{{name}}` filled from the variables (an unknown one is empty), each value through `encode`. */
export function fill(
  text: string,
  variables: Record<string, string>,
  encode: (v: string) => string = (v) => v,
): string {
  return text.replace(FLOW_PLACEHOLDER, (_m, name: string) => encode(variables[name] ?? ''));
}

const numeric = (s: string | undefined) =>
  s !== undefined && s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : null;

/** Whether a condition holds; numbers are compared as numbers, text without case or accents. */
export function holds(when: FlowCondition, ctx: ConditionContext): boolean {
  if (when.on === 'channel') return ctx.channel !== null && when.channels.includes(ctx.channel);
  if (when.on === 'business_hours')
    return isOpen(ctx.businessHours, ctx.timeZone, ctx.now) === when.open;
  const actual = ctx.variables[when.variable];
  const expected = fill(when.value ?? '', ctx.variables);
  const [a, b] = [numeric(actual), numeric(expected)];
  const equal = a !== null && b !== null ? a === b : fold(actual ?? '') === fold(expected);
  switch (when.op) {
    case 'exists':
      return actual !== undefined && actual !== '';
    case 'not_exists':
      return actual === undefined || actual === '';
    case 'equals':
      return actual !== undefined && equal;
    case 'not_equals':
      return actual === undefined || !equal;
    case 'contains':
      return actual !== undefined && fold(actual).includes(fold(expected));
    case 'gt':
      return a !== null && b !== null && a > b;
    case 'lt':
      return a !== null && b !== null && a < b;
  }
}

/** An ask's question: its choices as buttons or a list (interactiveContent), else text. */
export function promptOf(
  node: Extract<FlowNode, { kind: 'ask' }>,
  vars: Record<string, string>,
): FlowMessage {
  const text = fill(node.prompt, vars);
  if (node.input === 'choice' && node.choices?.length)
    return { type: 'interactive', content: interactiveContent(text, node.choices) };
  return { type: 'text', content: { text } };
}

/** A message node's content, its texts filled from the variables. */
export function contentOf(
  node: Extract<FlowNode, { kind: 'message' }>,
  vars: Record<string, string>,
): FlowMessage {
  const c = node.content;
  switch (c.type) {
    case 'text':
      return { type: 'text', content: { text: fill(c.text, vars) } };
    case 'buttons':
      return { type: 'interactive', content: interactiveContent(fill(c.text, vars), c.buttons) };
    case 'list':
      return {
        type: 'interactive',
        content: interactiveContent(fill(c.text, vars), c.rows, c.button),
      };
    case 'media':
      return {
        type: 'media',
        content: {
          mediaType: c.mediaType,
          url: c.url,
          ...(c.caption ? { caption: fill(c.caption, vars) } : {}),
        },
      };
  }
}
