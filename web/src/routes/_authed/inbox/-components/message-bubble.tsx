import { useTranslation } from 'react-i18next';
import { messageText } from '../../../../../../shared/message-text';
import { formatDateTime, formatTime } from '../../../../lib/format';
import type { RouterOutputs } from '../../../../lib/trpc';
import { DeliveryTicks } from './delivery-ticks';
import { MessageContent } from './message-content';

export type ThreadMessage = RouterOutputs['conversations']['thread']['messages'][number];

const failure = (m: ThreadMessage) =>
  'error' in m && m.error ? (m.error.title ?? m.error.code ?? null) : null;

interface Props {
  m: ThreadMessage;
  sender: string | null;
}

/** One message: the customer on the left; bot and agents on the right, each in its own colour. */
export function MessageBubble({ m, sender }: Props) {
  const { t } = useTranslation('inbox');
  if (m.origin === 'system') {
    return (
      <div className="msg-system" role="note">
        {messageText(m.content)}
        <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
      </div>
    );
  }
  const reason = m.status === 'failed' ? failure(m) : null;
  return (
    <div className={`msg msg-${m.origin}`} data-message-id={m.id}>
      {sender !== null && (
        <p className="msg-sender">
          {m.origin === 'bot' && <span className="role-tag">{t('message.bot')}</span>}
          {m.origin === 'operator' && (
            <span className="role-tag role-agent">{t('message.agent')}</span>
          )}
          {sender}
        </p>
      )}
      <div className="bubble">
        <MessageContent
          type={m.type}
          content={m.content}
          attachment={'attachment' in m ? m.attachment : undefined}
        />
      </div>
      <p className="msg-meta">
        <time dateTime={m.createdAt} title={formatDateTime(m.createdAt)}>
          {formatTime(m.createdAt)}
        </time>
        {m.direction === 'outbound' && <DeliveryTicks status={m.status} />}
        {m.status === 'failed' && (
          <span className="msg-failed" role="alert">
            {reason ? t('message.notDeliveredReason', { reason }) : t('message.notDelivered')}
          </span>
        )}
      </p>
    </div>
  );
}

/** A reply on its way (shown until the server confirms it). */
export function PendingBubble({ text }: { text: string }) {
  return (
    <div className="msg msg-operator msg-pending">
      <div className="bubble">
        <p className="msg-text">{text}</p>
      </div>
      <p className="msg-meta">
        <DeliveryTicks status="pending" />
      </p>
    </div>
  );
}
