import { config } from '../../config';

/** Why the copilot cannot run: what the console shows on its disabled buttons. */
export const NO_MODEL_REASON =
  'The copilot needs a model: no OpenAI API key is configured on the server (OPENAI_API_KEY).';

export interface CopilotStatus {
  available: boolean;
  /** Null when available; otherwise a sentence an agent can pass to whoever runs the server. */
  reason: string | null;
}

/**
 * Whether the copilot can run. Only a model can draft or summarize: the built-in responder,
 * which answers customers without a key, has nothing to offer an agent who reads the thread.
 */
export function copilotStatus(): CopilotStatus {
  return config.OPENAI_API_KEY
    ? { available: true, reason: null }
    : { available: false, reason: NO_MODEL_REASON };
}

/**
 * The copilot could not answer. `unavailable`: no model is configured (the surfaces answer
 * PRECONDITION_FAILED); `rate_limited`: the provider answered 429; `model_failed`: the model
 * call failed otherwise (timeout, 5xx, refusal). AppError has no code for the first and third,
 * so the copilot router maps these itself, in one place.
 */
export class CopilotError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rate_limited' | 'model_failed',
    message: string,
  ) {
    super(message);
    this.name = 'CopilotError';
  }
}

export function requireModel(): void {
  const status = copilotStatus();
  if (!status.available) throw new CopilotError('unavailable', status.reason ?? NO_MODEL_REASON);
}
