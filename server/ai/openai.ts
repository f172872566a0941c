import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { config } from '../config';
import { handoffText } from './builtin';
import { type ChatCompletions, chatCompletions } from './chat-completions';
import {
  type CustomToolSpec,
  isBuiltinTool,
  MAX_TOOL_ROUNDS,
  resultText,
  type ToolActivity,
} from './custom-tools';
import { detectIntent } from './intents';
import { guessLanguage } from './language';
import { sharedModelFetch } from './model-fetch';
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

function asFunctionTool(spec: CustomToolSpec): ChatCompletionTool {
  return {
    type: 'function',
    function: { name: spec.name, description: spec.description, parameters: spec.parameters },
  };
}

/** A custom tool's call; arguments that are not JSON are the model's error, told back to it. */
async function runCustomTool(
  request: ReplyRequest,
  call: OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall,
  signal: AbortSignal | undefined,
): Promise<{ result: Record<string, unknown>; activity?: ToolActivity }> {
  if (!request.tools) return { result: { ok: false, error: 'unknown_tool' } };
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments || '{}');
  } catch {
    return { result: { ok: false, error: 'invalid_arguments', message: 'Arguments are not JSON' } };
  }
  return request.tools.call(call.function.name, args, signal);
}

/** The refusal a server gives when a model has no tool support. */
const toolsUnsupported = (err: unknown) =>
  err instanceof OpenAI.BadRequestError && /tool|function/i.test(err.message);

/**
 * Any OpenAI-compatible chat completions server. The chatbot's model, prompt and temperature;
 * the two tools when the model supports them (a refusal of tools retries without them). The
 * calls go through chatCompletions, not the SDK's client: the bot's replies are the pipeline's
 * CPU (issue 19).
 */
export function openaiResponder(client: ChatCompletions = chatCompletions()): Responder {
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
      const custom = request.tools ? await request.tools.list() : [];
      const tools = [...TOOLS, ...custom.map(asFunctionTool)];
      const base = { model: chatbot.model, temperature: chatbot.temperature, messages };
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      let toolsOffered = true;
      try {
        completion = await client.create({ ...base, tools, tool_choice: 'auto' }, options);
      } catch (err) {
        if (!toolsUnsupported(err)) throw err;
        toolsOffered = false;
        completion = await client.create(base, options);
      }
      const toolCalls: ToolCall[] = [];
      const activities: ToolActivity[] = [];
      let conversation = messages;
      let choice = completion.choices[0]?.message;
      for (let round = 1; toolsOffered; round++) {
        toolCalls.push(...parseToolCalls(choice?.tool_calls));
        const calls = (choice?.tool_calls ?? []).filter((c) => c.type === 'function');
        const asksCustom = calls.some((c) => !isBuiltinTool(c.function.name));
        // Words with only built-in calls are the answer; a custom call needs its result first.
        if (!choice || !calls.length || (choice.content?.trim() && !asksCustom)) break;
        const results = await Promise.all(
          calls.map(async (c) => {
            if (isBuiltinTool(c.function.name)) return 'done';
            const outcome = await runCustomTool(request, c, options.signal);
            if (outcome.activity) activities.push(outcome.activity);
            return resultText(outcome.result);
          }),
        );
        conversation = [
          ...conversation,
          { role: 'assistant', content: choice.content ?? null, tool_calls: calls },
          ...calls.map((c, i) => ({
            role: 'tool' as const,
            tool_call_id: c.id,
            content: results[i]!,
          })),
        ];
        // The last round (or one that called built-in tools alone) asks for words, not tools.
        const last = round >= MAX_TOOL_ROUNDS || !asksCustom;
        const next = await client.create(
          { ...base, messages: conversation, ...(last ? {} : { tools, tool_choice: 'auto' }) },
          options,
        );
        choice = next.choices[0]?.message;
        if (last) break;
      }
      let text = choice?.content?.trim() ?? '';
      const handedOff = toolCalls.some((c) => c.name === 'handoff_to_human');
      if (!text && handedOff) text = handoffText(guessLanguage(asked));
      const cited = citedSources(text, request.knowledge, handedOff);
      return {
        text: cited.text,
        toolCalls,
        source: 'openai',
        model: completion.model ?? chatbot.model,
        ...(cited.sources ? { sources: cited.sources } : {}),
        ...(activities.length ? { activities } : {}),
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
    fetch: sharedModelFetch(),
  });
}
