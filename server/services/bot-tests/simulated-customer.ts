import type OpenAI from 'openai';
import { createClient } from '../../ai/openai';
import type { Turn } from '../../ai/responder';
import { config } from '../../config';
import type { CustomerTurn, TranscriptEntry } from './definitions';

/*
 * The two parts of a test case that need a model (issue 21): a simulated customer who plays a
 * persona towards a goal, and a judge who reads a transcript against plain words. Without a
 * model configured (no OPENAI_API_KEY) neither runs: the runner reports them skipped.
 */

/** Whether a model is configured, so simulated customers and judged expectations can run. */
export const modelConfigured = () => !!config.OPENAI_API_KEY;

/** What the simulated customer answers when its goal is reached (or it cannot go on). */
const DONE = '[DONE]';

// Built per call: the key and base URL are read when the client is made.
const model = (): OpenAI => createClient();

async function complete(modelName: string, system: string, user: string, signal?: AbortSignal) {
  const completion = await model().chat.completions.create(
    {
      model: modelName,
      temperature: 0,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    },
    { signal },
  );
  return completion.choices[0]?.message?.content?.trim() ?? '';
}

const lines = (history: readonly Turn[]) =>
  history.map((t) => `${t.role === 'user' ? 'Customer' : 'Bot'}: ${t.content}`).join('\n');

/**
 * The customer's next message, or null when the customer is done (goal reached, or nothing
 * left to say).
 */
export async function nextCustomerTurn(
  persona: { persona: string; goal: string },
  history: readonly Turn[],
  modelName: string,
  signal?: AbortSignal,
): Promise<CustomerTurn | null> {
  const system = [
    'You play a customer writing to a business support chat, to test its bot.',
    `Who you are: ${persona.persona}`,
    `What you want: ${persona.goal}`,
    `Write only your next message to the bot, short, as this customer would. When your goal is reached, or the bot handed you to a person, answer exactly ${DONE}.`,
  ].join('\n');
  const user = history.length
    ? `The conversation so far:\n${lines(history)}\n\nYour next message:`
    : 'Write your first message.';
  const text = await complete(modelName, system, user, signal);
  if (!text || text.includes(DONE)) return null;
  return { text: text.slice(0, 4096) };
}

/** A judged expectation's verdict, with the judge's reason. */
export interface Verdict {
  pass: boolean;
  reason: string;
}

/** Whether the transcript meets `criterion`, in the judge's words. */
export async function judge(
  criterion: string,
  transcript: TranscriptEntry[],
  modelName: string,
  signal?: AbortSignal,
): Promise<Verdict> {
  const said = transcript
    .map((e) =>
      e.from === 'customer'
        ? `Customer: ${e.text}`
        : e.from === 'bot'
          ? `Bot: ${e.text}`
          : `(${e.text})`,
    )
    .join('\n');
  const system =
    'You judge a support bot\'s conversation against a criterion. Answer with JSON only: {"pass": true or false, "reason": "one short sentence"}.';
  const answer = await complete(
    modelName,
    system,
    `Criterion: ${criterion}\n\nConversation:\n${said}`,
    signal,
  );
  try {
    const parsed = JSON.parse(answer.replace(/^```(?:json)?|```$/g, '').trim()) as {
      pass?: unknown;
      reason?: unknown;
    };
    if (typeof parsed.pass === 'boolean')
      return { pass: parsed.pass, reason: typeof parsed.reason === 'string' ? parsed.reason : '' };
  } catch {
    // fall through: an answer that is not the verdict asked for does not pass
  }
  return { pass: false, reason: `the judge's answer was not a verdict: ${answer.slice(0, 200)}` };
}
