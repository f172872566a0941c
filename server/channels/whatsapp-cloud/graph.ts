import { config } from '../../config';
import { PermanentSendError, RetryableSendError } from '../types';

/** Graph API errors that mean "slow down": retried with backoff, never dropped. */
const THROTTLED = new Set([130429, 131056, 80007]);

/** The Graph API's error body (`{error: {message, code, error_data: {details}}}`). */
export interface GraphError {
  error?: {
    message?: string;
    code?: number;
    error_subcode?: number;
    error_data?: { details?: string };
  };
}

/** A Graph API path under the configured version (`WHATSAPP_GRAPH_URL`). */
export const graphUrl = (path: string) => `${config.WHATSAPP_GRAPH_URL}/${path}`;

/**
 * What a refused Graph API call means for a send: a throttle, a 429 or a 5xx is retryable (with
 * `what` saying which call asked), any other answer is the provider's final word.
 */
export function graphFailure(
  status: number,
  body: GraphError,
  what = 'WhatsApp Cloud API',
): RetryableSendError | PermanentSendError {
  const code = body.error?.code;
  const title = body.error?.error_data?.details ?? body.error?.message ?? `HTTP ${status}`;
  if ((code !== undefined && THROTTLED.has(code)) || status >= 500 || status === 429) {
    return new RetryableSendError(status, `${what} asked to retry (${code ?? status}): ${title}`);
  }
  return new PermanentSendError(String(code ?? status), title);
}
