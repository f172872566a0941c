import { z } from 'zod';
import { CHANNELS, CONVERSATION_STATUSES } from '../../../shared/enums';

/** What `search.messages` takes (server/services/messages/search.ts). */
export const SEARCH_MAX_LIMIT = 50;
const INT4_MAX = 2_147_483_647;

export const SearchMessagesInput = z.object({
  query: z.string().max(200),
  channel: z.enum(CHANNELS).optional(),
  /** The conversation's status. */
  status: z.enum(CONVERSATION_STATUSES).optional(),
  /** The user the conversation is assigned to. */
  agentId: z.number().int().positive().max(INT4_MAX).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).default(20),
});
export type SearchMessagesInput = z.input<typeof SearchMessagesInput>;
