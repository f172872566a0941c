import type { Reply, ReplyRequest, Responder } from './responder';

export const HANDOFF_TEXT =
  'Let me connect you with a human agent. Someone will be with you shortly.';

const normalise = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * Works with no API key: the chatbot's greeting on a first message, an FAQ answer when one of
 * its keywords appears in the message, otherwise a handoff to humans.
 */
export const builtinResponder: Responder = {
  async reply({ chatbot, history, firstMessage }: ReplyRequest): Promise<Reply> {
    const last = unansweredLines(history);
    const words = new Set(
      normalise(last)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    );
    const text = normalise(last);
    const match = chatbot.faq.find((entry) =>
      entry.keywords.some((k) => {
        const key = normalise(k);
        return key.includes(' ') ? text.includes(key) : words.has(key);
      }),
    );
    if (match) {
      const answer =
        firstMessage && chatbot.greeting ? `${chatbot.greeting}\n\n${match.answer}` : match.answer;
      return { text: answer, toolCalls: [], source: 'builtin' };
    }
    if (firstMessage && chatbot.greeting && isGreetingOnly(words)) {
      return { text: chatbot.greeting, toolCalls: [], source: 'builtin' };
    }
    return {
      text: HANDOFF_TEXT,
      toolCalls: [{ name: 'handoff_to_human', reason: 'No answer found in the FAQ' }],
      source: 'builtin',
    };
  },
};

/**
 * The customer's lines since the last answer, as one text: a burst of short lines is one turn
 * (server/jobs/bot-turns/), so "my order" then "is late" finds the FAQ entry either names.
 */
function unansweredLines(history: ReplyRequest['history']): string {
  const lines: string[] = [];
  for (let i = history.length - 1; i >= 0 && history[i]!.role !== 'assistant'; i--) {
    if (history[i]!.role === 'user') lines.unshift(history[i]!.content);
  }
  return lines.join('\n');
}

const GREETINGS = new Set([
  'hi',
  'hello',
  'hey',
  'oi',
  'ola',
  'hola',
  'bom',
  'dia',
  'boa',
  'tarde',
  'noite',
  'buenas',
  'good',
  'morning',
  'evening',
]);

function isGreetingOnly(words: Set<string>) {
  return words.size > 0 && [...words].every((w) => GREETINGS.has(w));
}
