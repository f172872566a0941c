import type { Chatbot, Message } from '../db/schema';

/** One turn of context, already mapped to the model's roles. */
export interface Turn {
  role: 'user' | 'assistant' | 'system';
  content: string;
  /** Set for an operator's message, so the model tells human replies from its own. */
  name?: string;
}

export interface ReplyRequest {
  chatbot: Chatbot;
  /** Oldest first, ending with the customer message being answered. */
  history: Turn[];
  variables: Record<string, string>;
  /** Whether this is the conversation's first customer message (the greeting applies). */
  firstMessage: boolean;
}

export type ToolCall =
  | { name: 'set_variable'; key: string; value: string }
  | { name: 'handoff_to_human'; reason: string };

export interface Reply {
  text: string;
  toolCalls: ToolCall[];
  /** Which responder answered, for logs and the message metadata. */
  source: 'openai' | 'builtin' | 'fallback';
  model?: string;
}

export interface Responder {
  /** `signal` ends the call early (a message joined the turn: it is asked again). */
  reply(request: ReplyRequest, options?: { signal?: AbortSignal }): Promise<Reply>;
}

const ROLE_FOR: Record<Message['origin'], Turn['role'] | null> = {
  client: 'user',
  bot: 'assistant',
  operator: 'assistant',
  system: null,
};

/** Maps stored messages to turns: client → user, bot → assistant, operator → assistant + name. */
export function toTurns(
  rows: { message: Message; operatorName: string | null }[],
  textOf: (m: Message) => string,
): Turn[] {
  const turns: Turn[] = [];
  for (const { message, operatorName } of rows) {
    const role = ROLE_FOR[message.origin];
    const content = textOf(message);
    if (!role || !content) continue;
    turns.push(
      message.origin === 'operator'
        ? {
            role,
            content,
            name: `operator_${(operatorName ?? 'agent').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 50)}`,
          }
        : { role, content },
    );
  }
  return turns;
}
