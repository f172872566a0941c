import { timingSafeEqual } from 'node:crypto';
import express, { type Request } from 'express';
import { credentialsOf } from '../channels/credentials';
import { applyProviderStatus, type ProviderStatus } from '../channels/provider-status';
import { parseCloudWebhook, validSignature } from '../channels/whatsapp-cloud/inbound';
import { parseBridgeWebhook } from '../channels/whatsapp-qr';
import type { Integration } from '../db/schema';
import { AppError } from '../errors';
import { integrationForWebhook } from '../services/integrations-lookup';
import { type ChannelInbound, receiveFromChannel } from '../services/messages/inbound';
import { param } from './handler';
import { scopedRouter } from './scoped-router';

/** Provider webhooks. Bodies are read raw: the signature covers the exact bytes sent. */
export const webhooksRest = scopedRouter('/webhooks');
const raw = express.raw({ type: () => true, limit: '5mb' });

async function ingest(
  integration: Integration,
  parsed: { messages: ChannelInbound[]; statuses: ProviderStatus[] },
) {
  let accepted = 0;
  for (const m of parsed.messages)
    if ((await receiveFromChannel(integration, m)) === 'accepted') accepted++;
  for (const s of parsed.statuses) await applyProviderStatus(integration.id, s);
  return { received: true, messages: accepted, statuses: parsed.statuses.length };
}

function jsonOf(req: Request): unknown {
  try {
    return JSON.parse((req.body as Buffer).toString('utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not valid JSON');
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

webhooksRest.post('/webhooks/whatsapp-cloud/:integrationId', raw, async (req, res) => {
  const integration = await integrationForWebhook(param(req, 'integrationId'), 'WHATSAPP_CLOUD');
  const appSecret = credentialsOf(integration).appSecret;
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!appSecret || !validSignature(body, req.get('X-Hub-Signature-256'), appSecret)) {
    throw new AppError('UNAUTHORIZED', 'Invalid signature');
  }
  res.status(200).json(await ingest(integration, parseCloudWebhook(jsonOf(req))));
});

/** WAHA / Evolution API: a shared secret in `X-Webhook-Secret` (or `?secret=`). */
webhooksRest.post('/webhooks/whatsapp-qr/:integrationId', raw, async (req, res) => {
  const integration = await integrationForWebhook(param(req, 'integrationId'), 'WHATSAPP_QR');
  const given =
    req.get('X-Webhook-Secret') ??
    (typeof req.query.secret === 'string' ? req.query.secret : undefined);
  if (!sameSecret(given, credentialsOf(integration).webhookSecret))
    throw new AppError('UNAUTHORIZED', 'Invalid webhook secret');
  res.status(200).json(await ingest(integration, parseBridgeWebhook(integration, jsonOf(req))));
});
