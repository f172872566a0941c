import { z } from 'zod';
import { BUILTIN_TOOL_NAMES } from '../../ai/custom-tools';
import { type ChatbotTool, TOOL_METHODS } from '../../db/schema';

/*
 * What an admin may define as a tool, checked before anything is stored, so that a tool the
 * model is offered always has a name it can call, a schema OpenAI accepts and a URL whose host
 * the model cannot choose.
 */

export const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const FIELD_PATH = /^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/;
const HOSTNAME = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})$/;
/** Headers node:http writes itself or that would change what the request means. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]{0,63})\}/g;

const name = z
  .string()
  .regex(TOOL_NAME, 'name must start with a-z and hold only a-z, 0-9 and _ (at most 64)')
  .refine((n) => !(BUILTIN_TOOL_NAMES as readonly string[]).includes(n), {
    message: 'name is taken by a built-in tool',
  });

/** A JSON Schema of an object, which zod can read (so every call's arguments can be checked). */
const parameters = z
  .record(z.string(), z.unknown())
  .refine((s) => s.type === 'object', { message: 'parameters must be an object schema' })
  .refine((s) => JSON.stringify(s).length <= 20_000, { message: 'parameters is too large' })
  .refine(
    (s) => {
      try {
        z.fromJSONSchema(s as Parameters<typeof z.fromJSONSchema>[0]);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'parameters is not a JSON Schema this server can check' },
  );

const urlTemplate = z.string().trim().min(1).max(2000);

const header = z.object({
  name: z
    .string()
    .regex(HEADER_NAME, 'header name is not a valid HTTP header name')
    .refine((n) => !RESERVED_HEADERS.has(n.toLowerCase()), {
      message: 'this header is set by the server',
    }),
  /** Write-only. On an update, leaving it out keeps the value stored under this name. */
  value: z
    .string()
    .max(4000)
    .refine((v) => !/[\r\n\0]/.test(v), { message: 'header value must be one line' })
    .optional(),
});

const fields = {
  name,
  description: z.string().trim().min(1, 'description should not be empty').max(1000),
  parameters,
  method: z.enum(TOOL_METHODS),
  urlTemplate,
  headers: z.array(header).max(20),
  timeoutMs: z.number().int().min(100).max(15_000),
  responseFields: z
    .array(z.string().regex(FIELD_PATH, 'a field is a dot path: order.status'))
    .max(50),
  enabled: z.boolean(),
  allowedHosts: z.array(z.string().trim().regex(HOSTNAME, 'not a hostname')).max(20),
};

/** The URL with every placeholder filled by `fill`, or why it cannot be a tool's URL. */
export function urlProblem(template: string, params: Record<string, unknown>): string | undefined {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(template)?.[0] ?? template;
  if (/[{}]/.test(origin)) return 'the scheme and host of urlTemplate cannot hold a {parameter}';
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDER, 'x'));
  } catch {
    return 'urlTemplate is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return 'urlTemplate must be http or https';
  if (url.username || url.password) return 'put credentials in a header, not in urlTemplate';
  const properties = (params.properties ?? {}) as Record<string, unknown>;
  for (const [, p] of template.matchAll(PLACEHOLDER))
    if (!(p! in properties)) return `{${p}} is not one of the parameters`;
  return undefined;
}

const withUrlCheck = <T extends z.ZodType<{ urlTemplate?: string; parameters?: object }>>(s: T) =>
  s.superRefine((v, ctx) => {
    if (v.urlTemplate === undefined) return;
    const problem = urlProblem(v.urlTemplate, (v.parameters ?? {}) as Record<string, unknown>);
    if (problem) ctx.addIssue({ code: 'custom', path: ['urlTemplate'], message: problem });
  });

export const CreateToolInput = withUrlCheck(
  z.object({
    ...fields,
    chatbotId: z.union([z.string().max(64), z.number().int()]),
    method: fields.method.default('GET'),
    headers: z
      .array(header.required({ value: true }))
      .max(20)
      .default([]),
    timeoutMs: fields.timeoutMs.default(5000),
    responseFields: fields.responseFields.default([]),
    enabled: fields.enabled.default(true),
    allowedHosts: fields.allowedHosts.default([]),
  }),
);

/** A patch; a URL change is checked against the parameters it comes with or those stored. */
export const UpdateToolInput = z.object(fields).partial();

/** What the API shows of a tool: the headers' names, never their values. */
export function publicTool(t: ChatbotTool, chatbotUuid: string) {
  return {
    id: t.id,
    uuid: t.uuid,
    chatbotId: chatbotUuid,
    name: t.name,
    description: t.description,
    parameters: t.parameters,
    method: t.method,
    urlTemplate: t.urlTemplate,
    headerNames: t.headers.map((h) => h.name),
    timeoutMs: t.timeoutMs,
    responseFields: t.responseFields,
    enabled: t.enabled,
    allowedHosts: t.allowedHosts,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type PublicTool = ReturnType<typeof publicTool>;
