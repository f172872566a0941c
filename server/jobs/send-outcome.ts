import { PermanentSendError, RetryableSendError } from '../channels/types';

/** Node's codes for a connection that was never made: the request did not leave this machine. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** A gateway in front of the provider gave up waiting or lost it: the provider may have sent. */
const GATEWAY_LOST = new Set([502, 504]);

const codeOf = (e: unknown) => (e as { code?: unknown } | null)?.code;

function neverConnected(err: unknown): boolean {
  const cause = (err as { cause?: unknown } | null)?.cause;
  if (!cause) return false;
  // Node tries each address of a host and reports them together when all fail.
  if (cause instanceof AggregateError && cause.errors.length > 0)
    return cause.errors.every((e) => NOT_CONNECTED.has(String(codeOf(e))));
  return NOT_CONNECTED.has(String(codeOf(cause)));
}

/**
 * Whether a failed send certainly did not reach the customer, so sending again cannot send twice:
 * the provider refused it or asked us to come back (its own answer), or no connection was made.
 * Anything else (a timeout, a connection reset mid-request, an unreadable success) leaves the
 * outcome unknown.
 */
export function certainlyNotSent(err: unknown): boolean {
  if (err instanceof PermanentSendError) return true;
  if (err instanceof RetryableSendError) return !GATEWAY_LOST.has(err.status);
  return neverConnected(err);
}

/** What a failed send that did not go out says, for the message's error code and title. */
export function sendFailure(err: unknown): { errorCode: string; errorTitle: string } {
  const errorTitle = String((err as Error | null)?.message || err).slice(0, 300);
  if (err instanceof RetryableSendError) return { errorCode: String(err.status), errorTitle };
  const cause = (err as { cause?: unknown } | null)?.cause;
  return { errorCode: String(codeOf(cause) ?? codeOf(err) ?? 'send_failed'), errorTitle };
}
