import type { Chatbot, Conversation } from '../../db/schema';

export const FALLBACK_TEXT =
  "Sorry, I'm having trouble answering right now. A human agent will continue this conversation.";

/**
 * The bot answers only an active conversation it is handling, with its AI on, and no human on
 * it. open_bot_turn (server/db/functions) applies the same rule when a message opens a turn;
 * this one is checked again when the reply is saved, since a human may have taken over.
 */
export function botIsAnswering(c: Conversation, bot: Chatbot | null): bot is Chatbot {
  return (
    !!bot &&
    bot.aiEnabled &&
    c.status === 'active' &&
    c.assignedBotId !== null &&
    c.assignedUserId === null
  );
}
