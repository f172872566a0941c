import { config } from '../../config';
import { credentialsOf, requireSetting } from '../credentials';
import { whatsappBuckets } from '../rate-limit';
import { type ChannelAdapter, PermanentSendError, RetryableSendError } from '../types';
import { toGraphMessage } from './outbound';

/** Graph API errors that mean "slow down": retried with backoff, never dropped. */
const THROTTLED = new Set([130429, 131056, 80007]);

interface GraphError {
  error?: {
    message?: string;
    code?: number;
    error_subcode?: number;
    error_data?: { details?: string };
  };
}

/** Outside the 24-hour window only templates may be sent (WhatsApp's rule), checked before calling. */
export function windowOpen(expiresAt: Date | null, now = Date.now()): boolean {
  return !!expiresAt && expiresAt.getTime() > now;
}

export const whatsappCloudAdapter: ChannelAdapter = {
  channel: 'WHATSAPP_CLOUD',
  async send({ message, conversation, integration }) {
    if (!integration)
      throw new PermanentSendError(
        'integration_missing',
        'The conversation has no WhatsApp integration',
      );
    if (message.type !== 'template' && !windowOpen(conversation.cswExpiresAt)) {
      throw new PermanentSendError(
        'window_closed',
        'The 24-hour customer service window is closed; only templates can be sent',
      );
    }
    const phoneNumberId = requireSetting(integration.config, 'phoneNumberId', integration);
    const accessToken = requireSetting(credentialsOf(integration), 'accessToken', integration);
    const rate = Number(integration.config.ratePerSecond ?? config.WHATSAPP_RATE_PER_SECOND);
    await whatsappBuckets.take(phoneNumberId, rate);
    const res = await fetch(`${config.WHATSAPP_GRAPH_URL}/${phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(toGraphMessage(conversation.externalUserId ?? '', message)),
    });
    const body = (await res.json().catch(() => ({}))) as GraphError & {
      messages?: { id: string }[];
    };
    if (res.ok && body.messages?.[0]?.id)
      return { externalId: body.messages[0].id, status: 'sent' };
    const code = body.error?.code;
    const title = body.error?.error_data?.details ?? body.error?.message ?? `HTTP ${res.status}`;
    if ((code !== undefined && THROTTLED.has(code)) || res.status >= 500 || res.status === 429) {
      throw new RetryableSendError(
        res.status,
        `WhatsApp Cloud API asked to retry (${code ?? res.status}): ${title}`,
      );
    }
    throw new PermanentSendError(String(code ?? res.status), title);
  },
};
