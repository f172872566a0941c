import type { Chatbot, Conversation } from '../../db/schema';

export const FALLBACK_TEXT =
  "Sorry, I'm having trouble answering right now. A human agent will continue this conversation.";

/**
 * The bot answers only an active conversation it is handling, with no human on it, and its AI
 * on or a flow to walk (issue 21: the conversation is on a flow version, or `flowPublished`,
 * its chatbot has one published). open_bot_turn, save_bot_reply and save_flow_step apply the
 * same rule (bot_answers, server/db/functions) when a message opens a turn and when a reply is
 * saved, since a human may have taken over meanwhile.
 */
export function botIsAnswering(
  c: Conversation,
  bot: Chatbot | null,
  flowPublished = false,
): bot is Chatbot {
  return (
    !!bot &&
    (bot.aiEnabled || c.flowVersionId !== null || flowPublished) &&
    c.status === 'active' &&
    c.assignedBotId !== null &&
    c.assignedUserId === null
  );
}
