import { sql } from 'drizzle-orm';
import { type Turn, unansweredLines } from '../../ai/responder';
import type { Actor } from '../../auth/actor';
import { config } from '../../config';
import { type DbOrTx, db } from '../../db/client';
import { rowFromJson } from '../../db/rows';
import { type Chatbot, type Conversation, chatbots, conversations } from '../../db/schema';
import { notFound } from '../../errors';
import { type ContextRow, historyTurns } from '../bot-turns/context';
import { canAccess, loadConversation } from '../conversations/access';

/** Every message so far: bot_turn_context reads up to a message id, and none is newer. */
const NEWEST = 2_147_483_647;

/** The chatbot default's model, for a conversation whose chatbot was deleted. */
const DEFAULT_MODEL = 'gpt-4o-mini';

export interface CopilotContext {
  conversation: Conversation;
  chatbot: Chatbot | null;
  history: Turn[];
  variables: Record<string, string>;
  /** The model the workspace configured for this conversation's chatbot. */
  model: string;
}

/**
 * A customer conversation the actor may act on, else NOT_FOUND: an agent asking about a
 * colleague's conversation learns no more than one asking about another workspace's.
 */
export async function accessibleConversation(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<Conversation> {
  const conversation = await loadConversation(actor, ref, tx);
  if (!canAccess(actor, conversation)) throw notFound('Conversation');
  return conversation;
}

/**
 * The conversation as the bot's model reads it (bot_turn_context and toTurns: the same
 * history, the same roles, operators named), whoever answers it now. Null when it is gone.
 */
export async function loadCopilotContext(
  conversationId: number,
  tx: DbOrTx = db,
): Promise<CopilotContext | null> {
  const [row] = (await tx.execute(sql`select conversation, chatbot, history, variables,
      answered_before from bot_turn_context(${conversationId}::int, ${NEWEST}::int,
      ${config.AI_HISTORY_MESSAGES}::int)`)) as unknown as ContextRow[];
  if (!row) return null;
  const chatbot = row.chatbot ? rowFromJson(chatbots, row.chatbot) : null;
  return {
    conversation: rowFromJson(conversations, row.conversation),
    chatbot,
    history: historyTurns(row.history),
    variables: Object.fromEntries(row.variables),
    model: chatbot?.model || DEFAULT_MODEL,
  };
}

/**
 * What the customer asked last: the lines since anyone last answered, or, once the agent has
 * answered, the customer's latest line (the draft follows the conversation on from there).
 */
export function customerLastLines(history: Turn[]): string {
  const unanswered = unansweredLines(history);
  if (unanswered.trim()) return unanswered;
  for (let i = history.length - 1; i >= 0; i--)
    if (history[i]!.role === 'user') return history[i]!.content;
  return '';
}
