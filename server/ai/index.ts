import { config } from '../config';
import { builtinResponder } from './builtin';
import { openaiResponder } from './openai';
import type { Responder } from './responder';

let cached: Responder | undefined;

/** The OpenAI responder when a key is configured, otherwise the built-in one. */
export function responder(): Responder {
  cached ??= config.OPENAI_API_KEY ? openaiResponder() : builtinResponder;
  return cached;
}

/**
 * The provider the responder calls, as the limits count places on it: one OpenAI-compatible
 * server per deployment (its base URL), or the built-in responder.
 */
export function providerKey(): string {
  if (!config.OPENAI_API_KEY) return 'builtin';
  return `openai:${config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'}`;
}

/** Tests switch the key at run time; the next call rebuilds the responder. */
export function resetResponder(): void {
  cached = undefined;
}
