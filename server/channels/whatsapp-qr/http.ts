import type { Integration } from '../../db/schema';
import { credentialsOf, requireSetting } from '../credentials';
import { PermanentSendError, RetryableSendError } from '../types';

/** POSTs JSON to the integration's bridge with its API key header; 4xx are final, 5xx retried. */
export async function bridgeFetch(
  integration: Integration,
  path: string,
  keyHeader: string,
  body: unknown,
): Promise<unknown> {
  const baseUrl = requireSetting(integration.config, 'baseUrl', integration).replace(/\/+$/, '');
  const apiKey = requireSetting(credentialsOf(integration), 'apiKey', integration);
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      [keyHeader]: apiKey,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.ok) return text ? JSON.parse(text) : {};
  if (res.status >= 500 || res.status === 429)
    throw new RetryableSendError(
      res.status,
      `WhatsApp bridge answered ${res.status}: ${text.slice(0, 200)}`,
    );
  throw new PermanentSendError(
    `bridge_${res.status}`,
    text.slice(0, 300) || `The bridge answered ${res.status}`,
  );
}
