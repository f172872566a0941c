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

/** Tests switch the key at run time; the next call rebuilds the responder. */
export function resetResponder(): void {
  cached = undefined;
}
