import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { config } from '../config';
import { handoffText } from './builtin';
import { detectIntent } from './intents';
import { guessLanguage } from './language';
import {
  type KnowledgePassage,
  type ReplyRequest,
  type ReplySource,
  type Responder,
  sourcesOf,
  type ToolCall,
  unansweredLines,
} from './responder';

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'set_variable',
      description:
        'Remember a fact the customer gave (name, order number, plan...) as a conversation variable.',
      parameters: {
        type: 'object',
        properties: { key: { type: 'string' }, value: { type: 'string' } },
        required: ['key', 'value'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'handoff_to_human',
      description:
        'Hand the conversation to a human agent when you cannot help or the customer asks for a person.',
      parameters: {
        type: 'object',
        properties: { reason: { type: 'string' } },
        required: ['reason'],
        additionalProperties: false,
      },
    },
  },
];

function systemPrompt({
  chatbot,
  variables,
  knowledge,
  answersFromKnowledge,
}: ReplyRequest): string {
  const known = Object.entries(variables);
  return [
    chatbot.systemPrompt || 'You are a helpful customer support assistant.',
    known.length
      ? `Known facts about this conversation:\n${known.map(([k, v]) => `- ${k}: ${v}`).join('\n')}`
      : '',
    answersFromKnowledge || knowledge.length ? knowledgeSection(knowledge) : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The passages, numbered so the model can cite them, and the rule that keeps it from inventing:
 * what they do not answer, it says it does not know and hands off.
 */
function knowledgeSection(knowledge: KnowledgePassage[]): string {
  const rule =
    'Answer questions only from the knowledge passages below, and cite each passage you use by ' +
    'its number in brackets, like [1]. If they do not answer the question, say that you do not ' +
    'know and call handoff_to_human; never invent an answer. Greetings, thanks and goodbyes need ' +
    'no passage: answer them politely.';
  if (!knowledge.length) return `${rule}\n\nKnowledge passages: none matched this question.`;
  const passages = knowledge.map((p, i) => `[${i + 1}] ${p.title}: ${p.text}`).join('\n\n');
  return `${rule}\n\nKnowledge passages:\n${passages}`;
}

/**
 * The articles a reply drew on, and its text without the passage numbers (the customer never
 * saw them; agents see the sources on the message). A reply that cites nothing used them all,
 * unless it handed off: a "does not know" used none.
 */
function citedSources(
  text: string,
  knowledge: KnowledgePassage[],
  handedOff: boolean,
): { text: string; sources?: ReplySource[] } {
  if (!knowledge.length) return { text };
  const cited = new Set<number>();
  const stripped = text
    .replace(/\s*\[(\d+(?:\s*,\s*\d+)*)\]/g, (marker, list: string) => {
      const numbers = list.split(',').map((n) => Number(n.trim()));
      if (!numbers.every((n) => n >= 1 && n <= knowledge.length)) return marker;
      for (const n of numbers) cited.add(n - 1);
      return '';
    })
    .trim();
  const used = cited.size ? knowledge.filter((_, i) => cited.has(i)) : handedOff ? [] : knowledge;
  return used.length ? { text: stripped, sources: sourcesOf(used) } : { text: stripped };
}

function parseToolCalls(
  calls: OpenAI.Chat.Completions.ChatCompletionMessageToolCall[] | undefined,
): ToolCall[] {
  const out: ToolCall[] = [];
  for (const call of calls ?? []) {
    if (call.type !== 'function') continue;
    let args: Record<string, unknown> = {};
    try {
      args = JSON.parse(call.function.arguments || '{}');
    } catch {
      continue;
    }
    if (
      call.function.name === 'set_variable' &&
      typeof args.key === 'string' &&
      args.value !== undefined
    ) {
      out.push({ name: 'set_variable', key: args.key, value: String(args.value) });
    } else if (call.function.name === 'handoff_to_human') {
      out.push({
        name: 'handoff_to_human',
        reason: String(args.reason ?? 'Requested by the assistant'),
      });
    }
  }
  return out;
}

/** The refusal a server gives when a model has no tool support. */
const toolsUnsupported = (err: unknown) =>
  err instanceof OpenAI.BadRequestError && /tool|function/i.test(err.message);

/**
 * Any OpenAI-compatible chat completions server. The chatbot's model, prompt and temperature;
 * the two tools when the model supports them (a refusal of tools retries without them).
 */
export function openaiResponder(client = createClient()): Responder {
  return {
    async reply(request, options = {}) {
      const { chatbot, history } = request;
      const asked = unansweredLines(history);
      if (detectIntent(asked).kind === 'human') {
        // No model decides this: a request for a person is handed off whatever the prompt says.
        return {
          text: handoffText(guessLanguage(asked)),
          toolCalls: [{ name: 'handoff_to_human', reason: 'The customer asked for a person' }],
          source: 'builtin',
        };
      }
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: systemPrompt(request) },
        ...history.map((t) =>
          t.name && t.role === 'assistant'
            ? { role: t.role, content: t.content, name: t.name }
            : { role: t.role, content: t.content },
        ),
      ];
      const base = { model: chatbot.model, temperature: chatbot.temperature, messages };
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          { ...base, tools: TOOLS, tool_choice: 'auto' },
          options,
        );
      } catch (err) {
        if (!toolsUnsupported(err)) throw err;
        completion = await client.chat.completions.create(base, options);
      }
      const choice = completion.choices[0]?.message;
      const toolCalls = parseToolCalls(choice?.tool_calls);
      let text = choice?.content?.trim() ?? '';
      if (!text && choice?.tool_calls?.length) {
        // The model only called tools: give it their results and ask for the words to send.
        const followUp = await client.chat.completions.create(
          {
            ...base,
            messages: [
              ...messages,
              { role: 'assistant', content: choice.content ?? null, tool_calls: choice.tool_calls },
              ...choice.tool_calls.map((c) => ({
                role: 'tool' as const,
                tool_call_id: c.id,
                content: 'done',
              })),
            ],
          },
          options,
        );
        text = followUp.choices[0]?.message?.content?.trim() ?? '';
      }
      const handedOff = toolCalls.some((c) => c.name === 'handoff_to_human');
      if (!text && handedOff) text = handoffText(guessLanguage(asked));
      const cited = citedSources(text, request.knowledge, handedOff);
      return {
        text: cited.text,
        toolCalls,
        source: 'openai',
        model: completion.model ?? chatbot.model,
        ...(cited.sources ? { sources: cited.sources } : {}),
      };
    },
  };
}

export function createClient(): OpenAI {
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    timeout: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  });
}
