/**
 * Direct chat between users, linked to a record, seed 004
 * (../shared/seeds/004_bb6931e6f846e422.txt): `/api/v1/chat/conversations`, Laravel's shapes
 * and its 422 validation bodies.
 */
export { createDirectConversation, directChatRest } from './routes';
