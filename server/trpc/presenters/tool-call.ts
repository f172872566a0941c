import type { ToolCall } from '../../services/bot-tools/calls';

/**
 * A custom-tool call as the thread draws it for agents: which tool, whether it worked, the
 * API's status and how long it took. Never its arguments, URL, headers or response (the event
 * holds none of them).
 */
export const consoleToolCall = (c: ToolCall) => ({
  id: c.id,
  tool: c.tool,
  status: c.status,
  httpStatus: c.httpStatus,
  durationMs: c.durationMs,
  errorCode: c.errorCode,
  createdAt: c.at.toISOString(),
});
