import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { credentialsOf } from '../../channels/credentials';
import { parseCloudWebhook, validSignature } from '../../channels/whatsapp-cloud/inbound';
import { parseBridgeWebhook } from '../../channels/whatsapp-qr';
import type { Integration } from '../../db/schema';
import { AppError, inputErrorOf } from '../../errors';
import { bodyText, rawBody } from '../../request/body';
import { parseJsonBody } from '../../request/json-text';
import { requestLogger } from '../../request/log';
import { takeSurveyReply } from '../../services/csat/whatsapp-reply';
import { integrationForWebhook } from '../../services/integrations-lookup';
import { receiveFromChannel } from '../../services/messages/inbound';
import { applyProviderStatus } from '../../services/messages/status';
import { param } from '../common/handler';
import { scopedRouter } from '../common/scoped-router';
import { usableDelivery } from './input';

/**
 * Provider webhooks. Bodies are read as bytes: the signature covers the exact bytes sent. Once
 * the signature (or the shared secret) holds, a delivery is answered 200 whatever it carries:
 * a provider retries anything else for days, and a malformed payload stays malformed. What
 * cannot be used is counted in `ignored`, logged, and not written.
 */
export const webhooksRest = scopedRouter('/webhooks');

type Parse = (body: unknown) => { messages: unknown[]; statuses: unknown[] };

async function ingest(req: Request, integration: Integration, parse: Parse) {
  const delivery = usableDelivery(parse(deliveryJson(req)));
  if (delivery.ignored > 0) {
    requestLogger(req).warn(
      { integrationId: integration.id, ignored: delivery.ignored },
      'webhook items that cannot be used were ignored',
    );
  }
  let accepted = 0;
  for (const m of delivery.messages) {
    // A survey's answer is the ended conversation's rating, not a new conversation.
    if (await takeSurveyReply(integration, m)) accepted++;
    else if ((await receiveFromChannel(integration, m)) === 'accepted') accepted++;
  }
  for (const s of delivery.statuses) await applyProviderStatus(integration.id, s);
  return {
    received: true,
    messages: accepted,
    statuses: delivery.statuses.length,
    ignored: delivery.ignored,
  };
}

/** The delivery's JSON; `null` (nothing usable) when it is not UTF-8 JSON within the limits. */
function deliveryJson(req: Request): unknown {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  try {
    return parseJsonBody(bodyText(req, body));
  } catch (err) {
    const input = err instanceof AppError ? err : inputErrorOf(err);
    if (!input) throw err;
    requestLogger(req).warn({ reason: input.message }, 'webhook body that is not usable JSON');
    return null;
  }
}

const sameSecret = (given: string | undefined, expected: string | undefined) => {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Meta's verification handshake: echo hub.challenge when the verify token matches. */
webhooksRest.get('/webhooks/whatsapp-cloud/:integrationId', async (req, res) => {
  const integration = await integrationForWebhook(param(req, 'integrationId'), 'WHATSAPP_CLOUD');
  const q = req.query as Record<string, string | undefined>;
  if (
    q['hub.mode'] === 'subscribe' &&
    sameSecret(q['hub.verify_token'], credentialsOf(integration).verifyToken)
  ) {
    res
      .status(200)
      .type('text/plain')
      .send(q['hub.challenge'] ?? '');
    return;
  }
  throw new AppError('FORBIDDEN', 'Verification failed');
});

webhooksRest.post('/webhooks/whatsapp-cloud/:integrationId', rawBody, async (req, res) => {
  const integration = await integrationForWebhook(param(req, 'integrationId'), 'WHATSAPP_CLOUD');
  const appSecret = credentialsOf(integration).appSecret;
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!appSecret || !validSignature(body, req.get('X-Hub-Signature-256'), appSecret)) {
    throw new AppError('UNAUTHORIZED', 'Invalid signature');
  }
  res.status(200).json(await ingest(req, integration, parseCloudWebhook));
});

/** WAHA / Evolution API: a shared secret in `X-Webhook-Secret` (or `?secret=`). */
webhooksRest.post('/webhooks/whatsapp-qr/:integrationId', rawBody, async (req, res) => {
  const integration = await integrationForWebhook(param(req, 'integrationId'), 'WHATSAPP_QR');
  const given =
    req.get('X-Webhook-Secret') ??
    (typeof req.query.secret === 'string' ? req.query.secret : undefined);
  if (!sameSecret(given, credentialsOf(integration).webhookSecret))
    throw new AppError('UNAUTHORIZED', 'Invalid webhook secret');
  res
    .status(200)
    .json(await ingest(req, integration, (body) => parseBridgeWebhook(integration, body)));
});
