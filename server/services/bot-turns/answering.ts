import { customerMessage } from '../../../shared/i18n/customer-messages';
import type { Chatbot, Conversation } from '../../db/schema';

/** What the bot says when its model cannot answer, in the chatbot's language (en if none). */
export const fallbackText = (language?: string | null) => customerMessage(language, 'fallback');

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
