import { config } from '../../config';
import { credentialsOf, requireSetting } from '../credentials';
import { whatsappBuckets } from '../rate-limit';
import {
  type ChannelAdapter,
  type OutboundContext,
  PermanentSendError,
  RetryableSendError,
} from '../types';
import { type GraphError, graphFailure, graphUrl } from './graph';
import { checkCloudLimit, cloudMediaObject, uploadCloudMedia } from './media';
import { type GraphMedia, toGraphMessage } from './outbound';

/** Outside the 24-hour window only templates may be sent (WhatsApp's rule), checked before calling. */
export function windowOpen(expiresAt: Date | null, now = Date.now()): boolean {
  return !!expiresAt && expiresAt.getTime() > now;
}

/**
 * A media message's `{type, <kind>: {id, ...}}`: the file uploaded first, unless an earlier
 * attempt already uploaded it for this number (its id is recorded before the send, so a retried
 * send does not upload twice).
 */
async function mediaFor(
  ctx: OutboundContext,
  phoneNumberId: string,
  accessToken: string,
): Promise<GraphMedia | undefined> {
  if (ctx.message.type !== 'media') return undefined;
  const { media } = ctx;
  if (!media) throw new PermanentSendError('attachment_missing', 'The file to send is gone');
  const kind = checkCloudLimit(media);
  const earlier = media.uploaded?.account === phoneNumberId ? media.uploaded.id : undefined;
  const id = earlier ?? (await uploadCloudMedia(phoneNumberId, accessToken, media));
  if (!earlier) {
    // Before the send: a retry then reuses the upload. Failing here, nothing was sent either.
    await media.remember({ account: phoneNumberId, id }).catch((err: unknown) => {
      throw new RetryableSendError(503, `Recording the WhatsApp media id failed: ${String(err)}`);
    });
  }
  return { kind, object: cloudMediaObject(kind, id, media) };
}

export const whatsappCloudAdapter: ChannelAdapter = {
  channel: 'WHATSAPP_CLOUD',
  async send(ctx) {
    const { message, conversation, integration } = ctx;
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
    const media = await mediaFor(ctx, phoneNumberId, accessToken);
    await whatsappBuckets.take(phoneNumberId, rate);
    const res = await fetch(graphUrl(`${phoneNumberId}/messages`), {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(toGraphMessage(conversation.externalUserId ?? '', message, media)),
    });
    const body = (await res.json().catch(() => ({}))) as GraphError & {
      messages?: { id: string }[];
    };
    if (res.ok && body.messages?.[0]?.id)
      return { externalId: body.messages[0].id, status: 'sent' };
    throw graphFailure(res.status, body);
  },
};
