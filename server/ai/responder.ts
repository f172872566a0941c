import type { Chatbot, Message } from '../db/schema';
import type { ToolActivity, Toolbox } from './custom-tools';

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
  /** The best published passages for the customer's unanswered lines, best first. */
  knowledge: KnowledgePassage[];
  /**
   * Whether the chatbot answers from any knowledge collection. One that does says it does not
   * know when no passage answers; one that does not is guided by its prompt alone, as before.
   */
  answersFromKnowledge: boolean;
  /** The chatbot's custom HTTP tools (services/bot-tools), for a responder that calls tools. */
  tools?: Toolbox;
}

/**
 * A knowledge passage, as the services' retrieval finds it (server/services/knowledge): the
 * adapters here never import a service, so the shape they read is declared on this side.
 */
export interface KnowledgePassage {
  articleId: number;
  articleUuid: string;
  title: string;
  text: string;
  language: string;
  score: number;
  /** Relevant enough to answer with on its own (the retrieval's RELEVANT_SCORE). */
  relevant: boolean;
}

/** An article a reply was drawn from, stored in the message metadata for agents to see. */
export interface ReplySource {
  articleId: number;
  articleUuid: string;
  title: string;
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
  /** The knowledge articles the reply used, once each. */
  sources?: ReplySource[];
  /** The custom tools it called, each an event on the conversation's timeline for agents. */
  activities?: ToolActivity[];
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
  rows: { origin: Message['origin']; content: Message['content']; operatorName: string | null }[],
  textOf: (content: Message['content']) => string,
): Turn[] {
  const turns: Turn[] = [];
  for (const { origin, content: body, operatorName } of rows) {
    const role = ROLE_FOR[origin];
    const content = textOf(body);
    if (!role || !content) continue;
    turns.push(
      origin === 'operator'
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

/**
 * The customer's lines since the last answer, as one text: a burst of short lines is one turn
 * (server/jobs/bot-turns/), so "my order" then "is late" is searched and read together.
 */
export function unansweredLines(history: Turn[]): string {
  const lines: string[] = [];
  for (let i = history.length - 1; i >= 0 && history[i]!.role !== 'assistant'; i--) {
    if (history[i]!.role === 'user') lines.unshift(history[i]!.content);
  }
  return lines.join('\n');
}

/** Each article once, in the order the passages came. */
export function sourcesOf(passages: KnowledgePassage[]): ReplySource[] {
  const seen = new Map<number, ReplySource>();
  for (const p of passages)
    if (!seen.has(p.articleId))
      seen.set(p.articleId, { articleId: p.articleId, articleUuid: p.articleUuid, title: p.title });
  return [...seen.values()];
}
