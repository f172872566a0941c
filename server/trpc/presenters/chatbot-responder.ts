import { config } from '../../config';
import type { Chatbot } from '../../db/schema';

/**
 * Which responder answers a chatbot's customers, and why, in words an admin reads on the
 * settings page. The choice is the server's (one key per deployment, server/ai/index.ts), so a
 * chatbot's "AI replies: on" with a model name does not say on its own that the model is called.
 */
export function chatbotResponder(c: Pick<Chatbot, 'aiEnabled' | 'model'>) {
  if (!c.aiEnabled) {
    return {
      kind: 'off' as const,
      label: 'AI replies off',
      reason: 'The bot stays silent and conversations wait for an agent.',
    };
  }
  if (config.OPENAI_API_KEY) {
    const host = config.OPENAI_BASE_URL ? new URL(config.OPENAI_BASE_URL).host : null;
    return {
      kind: 'openai' as const,
      // The parts of the label, for a console that says it in the admin's language.
      model: c.model,
      host,
      label: host ? `OpenAI-compatible model ${c.model} at ${host}` : `OpenAI model ${c.model}`,
      reason: 'An OPENAI_API_KEY is configured on the server.',
    };
  }
  return {
    kind: 'builtin' as const,
    label: 'Built-in responder',
    reason:
      'No OPENAI_API_KEY is configured on the server: the bot answers with the best passage of its knowledge collections and hands off when none is relevant.',
  };
}
