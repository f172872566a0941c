import { HttpResponse, http } from 'msw';

export const OPENAI_URL = 'https://api.openai.com/v1/chat/completions';

export interface CapturedRequest {
  model: string;
  temperature?: number;
  messages: {
    role: string;
    content: string | null;
    name?: string;
    tool_calls?: unknown[];
    tool_call_id?: string;
  }[];
  tools?: { type: string; function: { name: string } }[];
}

/** A chat.completions response in the real shape. */
export function completion(
  content: string | null,
  toolCalls: { name: string; arguments: Record<string, unknown> }[] = [],
  model = 'gpt-4o-mini',
) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          ...(toolCalls.length
            ? {
                tool_calls: toolCalls.map((t, i) => ({
                  id: `call_${i}`,
                  type: 'function',
                  function: { name: t.name, arguments: JSON.stringify(t.arguments) },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** OpenAI's error body, as its API sends it. */
export function openaiError(status: number, message: string, type = 'server_error') {
  return HttpResponse.json({ error: { message, type, param: null, code: null } }, { status });
}

/** Answers every chat completion with `respond`, recording each request body. */
export function openaiHandler(
  respond: (
    body: CapturedRequest,
    call: number,
  ) => Response | Record<string, unknown> | Promise<Response | Record<string, unknown>>,
  captured: CapturedRequest[] = [],
) {
  return http.post(OPENAI_URL, async ({ request }) => {
    const body = (await request.json()) as CapturedRequest;
    captured.push(body);
    const answer = await respond(body, captured.length);
    return answer instanceof Response ? answer : HttpResponse.json(answer);
  });
}
