import type { RouterOutputs } from '../../../../lib/trpc';

export type ThreadToolCall = RouterOutputs['botTools']['calls'][number];

/**
 * One custom-tool call of the bot's, a quiet line in the agents' thread: which tool, whether it
 * worked, the API's status and how long it took. Customers never see it (no customer-facing
 * exit carries `bot:tool_call`).
 */
export function ToolCallLine({ call }: { call: ThreadToolCall }) {
  const failed = call.status !== 'ok';
  const parts = [
    failed ? 'failed' : 'ok',
    call.httpStatus !== null ? `HTTP ${call.httpStatus}` : null,
    `${call.durationMs} ms`,
    // http_error says no more than the status beside it.
    failed && call.errorCode && call.errorCode !== 'http_error'
      ? call.errorCode.replace(/_/g, ' ')
      : null,
  ].filter(Boolean);
  return (
    <p
      className={failed ? 'thread-activity thread-activity-failed' : 'thread-activity'}
      role="note"
      aria-label={`Tool call ${call.tool}`}
    >
      Tool <code>{call.tool}</code> · {parts.join(' · ')}
    </p>
  );
}
