import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { config } from '../config';
import { HANDOFF_TEXT } from './builtin';
import type { ReplyRequest, Responder, ToolCall } from './responder';

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

function systemPrompt({ chatbot, variables }: ReplyRequest): string {
  const known = Object.entries(variables);
  return [
    chatbot.systemPrompt || 'You are a helpful customer support assistant.',
    known.length
      ? `Known facts about this conversation:\n${known.map(([k, v]) => `- ${k}: ${v}`).join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
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
      if (!text && toolCalls.some((c) => c.name === 'handoff_to_human')) text = HANDOFF_TEXT;
      return { text, toolCalls, source: 'openai', model: completion.model ?? chatbot.model };
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
