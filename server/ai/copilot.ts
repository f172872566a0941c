import type OpenAI from 'openai';
import { createClient } from './openai';
import type { KnowledgePassage, Turn } from './responder';

/**
 * The copilot's model calls: words for a human agent, never for the customer. The caller has
 * already decided who may ask and whether a key is configured; this side only talks to the
 * OpenAI-compatible server.
 */
export interface CopilotRequest {
  /** The model of the conversation's chatbot (the workspace's configured one). */
  model: string;
  /** The business's instructions to its bot: the tone and the rules a draft should follow. */
  instructions: string;
  /** Oldest first, mapped as the bot's own requests are (toTurns). */
  history: Turn[];
  variables: Record<string, string>;
}

export interface CopilotDraftRequest extends CopilotRequest {
  /** The best passages for the customer's last lines, best first. */
  knowledge: KnowledgePassage[];
}

export interface CopilotAnswer {
  text: string;
  model: string;
}

/**
 * The conversation as a transcript with who said what: the model reads it as a document to
 * work on, not as a chat it takes part in, so it writes about the customer instead of to them.
 */
export function transcript(history: Turn[]): string {
  return history
    .map((t) => {
      const who =
        t.role === 'user'
          ? 'Customer'
          : t.name
            ? `Agent (${t.name.replace(/^operator_/, '')})`
            : 'Bot';
      return `${who}: ${t.content}`;
    })
    .join('\n');
}

function facts(variables: Record<string, string>): string {
  const known = Object.entries(variables);
  return known.length
    ? `Known facts about this conversation:\n${known.map(([k, v]) => `- ${k}: ${v}`).join('\n')}`
    : '';
}

const DRAFT_RULES =
  'You help a human support agent. Write the next reply the agent could send to the customer: ' +
  "in the customer's language, short, friendly, ready to send. Use only facts from the " +
  'knowledge passages and the conversation; where they do not answer, write a reply that says ' +
  'the agent will check, and never invent prices, dates or policies. Answer with the reply ' +
  'text alone: no greeting to the agent, no notes, no passage numbers.';

const SUMMARY_RULES =
  'You help a human support agent who is taking over this conversation. Summarize it for the ' +
  'agent in at most five short lines, in English: who the customer is (if known), what they ' +
  'want, what has been answered or tried, and what is still open. This is a private note: ' +
  'write about the customer, not to them. Answer with the summary alone.';

function knowledgeBlock(knowledge: KnowledgePassage[]): string {
  if (!knowledge.length) return 'Knowledge passages: none matched the customer’s last lines.';
  return `Knowledge passages:\n${knowledge.map((p, i) => `[${i + 1}] ${p.title}: ${p.text}`).join('\n\n')}`;
}

async function complete(
  client: OpenAI,
  model: string,
  system: string,
  user: string,
  signal?: AbortSignal,
): Promise<CopilotAnswer> {
  const completion = await client.chat.completions.create(
    {
      model,
      // Low: a draft and a summary should say what the conversation says, not vary with the roll.
      temperature: 0.2,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    },
    { signal },
  );
  return {
    text: completion.choices[0]?.message?.content?.trim() ?? '',
    model: completion.model ?? model,
  };
}

/** A draft of the agent's next reply, from the knowledge passages and the conversation. */
export function draftReply(
  request: CopilotDraftRequest,
  options: { client?: OpenAI; signal?: AbortSignal } = {},
): Promise<CopilotAnswer> {
  const system = [
    DRAFT_RULES,
    request.instructions
      ? `The business's instructions to its assistant:\n${request.instructions}`
      : '',
    facts(request.variables),
    knowledgeBlock(request.knowledge),
  ]
    .filter(Boolean)
    .join('\n\n');
  const user = `The conversation so far:\n${transcript(request.history)}\n\nWrite the agent's next reply.`;
  return complete(options.client ?? createClient(), request.model, system, user, options.signal);
}

/** A short private summary of the conversation for the agent. */
export function summarizeConversation(
  request: CopilotRequest,
  options: { client?: OpenAI; signal?: AbortSignal } = {},
): Promise<CopilotAnswer> {
  const system = [SUMMARY_RULES, facts(request.variables)].filter(Boolean).join('\n\n');
  const user = `The conversation:\n${transcript(request.history)}`;
  return complete(options.client ?? createClient(), request.model, system, user, options.signal);
}
