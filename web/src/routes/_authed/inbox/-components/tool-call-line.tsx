import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';

export type ThreadToolCall = RouterOutputs['botTools']['calls'][number];

/**
 * One custom-tool call of the bot's, a quiet line in the agents' thread: which tool, whether it
 * worked, the API's status and how long it took. Customers never see it (no customer-facing
 * exit carries `bot:tool_call`).
 */
export function ToolCallLine({ call }: { call: ThreadToolCall }) {
  const { t } = useTranslation('inbox');
  const failed = call.status !== 'ok';
  const parts = [
    failed ? t('toolCall.failed') : t('toolCall.ok'),
    call.httpStatus !== null ? `HTTP ${call.httpStatus}` : null,
    t('toolCall.duration', { ms: formatNumber(call.durationMs) }),
    // http_error says no more than the status beside it.
    failed && call.errorCode && call.errorCode !== 'http_error'
      ? call.errorCode.replace(/_/g, ' ')
      : null,
  ].filter(Boolean);
  return (
    <p
      className={failed ? 'thread-activity thread-activity-failed' : 'thread-activity'}
      role="note"
      aria-label={t('toolCall.label', { tool: call.tool })}
    >
      {t('toolCall.tool')} <code>{call.tool}</code> · {parts.join(' · ')}
    </p>
  );
}
