/*
 * The custom HTTP tools an admin gives a chatbot, as a responder sees them. The adapters here
 * never import a service (lint:layers), so the service that loads and runs the tools
 * (server/services/bot-tools) hands the responder a Toolbox of this shape.
 */

/** The names the built-in tools take: no custom tool may shadow them. */
export const BUILTIN_TOOL_NAMES = ['set_variable', 'handoff_to_human'] as const;

/** Rounds of tool calls one reply may make before the model must answer in words. */
export const MAX_TOOL_ROUNDS = 3;

/** A custom tool as the model is told about it. */
export interface CustomToolSpec {
  name: string;
  description: string;
  /** A JSON Schema of an object. */
  parameters: Record<string, unknown>;
}

/** Why a call gave no answer, in words an agent's timeline can show. */
export type ToolErrorCode =
  | 'unknown_tool'
  | 'invalid_arguments'
  | 'invalid_url'
  | 'blocked_address'
  | 'dns_failed'
  | 'timeout'
  | 'connection_failed'
  | 'redirect_refused'
  | 'response_too_large'
  | 'http_error'
  | 'header_unreadable'
  | 'aborted';

/**
 * One call and its outcome, as the conversation's timeline shows it to agents: never the
 * arguments' values, the URL, the headers or the response (they may carry secrets).
 */
export interface ToolActivity {
  tool: string;
  /** The tool's row; absent when the model named a tool the chatbot does not have. */
  toolId?: number;
  status: 'ok' | 'error';
  /** The HTTP status, when the API answered. */
  httpStatus?: number;
  durationMs: number;
  errorCode?: ToolErrorCode;
}

/** What a call gives the model (the tool message's JSON) and the timeline. */
export interface ToolOutcome {
  result: Record<string, unknown>;
  activity: ToolActivity;
}

/** The chatbot's tools, loaded when a responder that uses them asks, and the way to run one. */
export interface Toolbox {
  list(): Promise<CustomToolSpec[]>;
  /** Never throws: a failing tool is an error result for the model. */
  call(name: string, args: unknown, signal?: AbortSignal): Promise<ToolOutcome>;
}

/** A tool message's content: JSON, bounded, so one large answer cannot fill the context. */
export const RESULT_TEXT_LIMIT = 8000;

export function resultText(result: Record<string, unknown>): string {
  const text = JSON.stringify(result);
  if (text.length <= RESULT_TEXT_LIMIT) return text;
  return JSON.stringify({
    ...('ok' in result ? { ok: result.ok } : {}),
    truncated: true,
    text: text.slice(0, RESULT_TEXT_LIMIT - 100),
  });
}

export const isBuiltinTool = (name: string) =>
  (BUILTIN_TOOL_NAMES as readonly string[]).includes(name);
