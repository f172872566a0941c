import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ROLE_RANK } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import type { SearchMessagesInput } from './search-input';

/**
 * The pieces of message search's statements (search.ts runs them, search-plan.ts estimates
 * them). The expressions are those of the indexes in server/db/schema/messages.ts, letter for
 * letter, or the planner cannot use them.
 */
export const TEXT = sql`message_text(m.content)`;

/**
 * Every word as a lexeme, from three letters on also as the start of one ("reemb" finds
 * "reembolso"). Folded by PostgreSQL (kb_fold in the statement), the same unaccent as the index.
 */
const tsqueryText = (words: string[]) =>
  words.map((w) => (w.length >= 3 ? `'${w}':*` : `'${w}'`)).join(' & ');

/**
 * What a message must hold, in the indexes' own expressions: `words`, every word whole or as
 * a word's start (the GIN word index); `inside`, the query inside a word (the trigram index),
 * asked only when the words find nothing, because a trigram's posting list grows with every
 * message: measured, OR-ing it into every search cost a rare word 22 ms at 100,000 messages.
 */
export type SearchMode = 'words' | 'inside';
export function matches(words: string[], mode: SearchMode): SQL {
  return mode === 'words'
    ? sql`to_tsvector('simple'::regconfig, kb_fold(${TEXT}))
               @@ to_tsquery('simple'::regconfig, kb_fold(${tsqueryText(words)}))`
    : sql`kb_fold(${TEXT}) like '%' || kb_fold(${words.join(' ')}) || '%'`;
}

/** The agent whose access rule limits the search: null for supervisors and admins. */
export const limitedAgent = (actor: Actor) =>
  ROLE_RANK[actor.role] < ROLE_RANK.supervisor ? actor.userId : null;

/** The conversations searched: the actor's to see, and the filters' (on `c`). */
export function conversationConditions(
  actor: Actor,
  input: z.output<typeof SearchMessagesInput>,
): SQL {
  const agent = limitedAgent(actor);
  return sql`c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
    ${agent === null ? sql`` : sql`and agent_may_access(${agent}::integer, c.assigned_user_id, c.assigned_bot_id)`}
    ${input.channel ? sql`and c.channel = ${input.channel}` : sql``}
    ${input.status ? sql`and c.status = ${input.status}` : sql``}
    ${input.agentId ? sql`and c.assigned_user_id = ${input.agentId}` : sql``}`;
}

/** The dates' filter (on `m`), or null without one. */
export function dateConditions(input: z.output<typeof SearchMessagesInput>): SQL | null {
  if (!input.from && !input.to) return null;
  return sql`true
    ${input.from ? sql`and m.created_at >= ${input.from.toISOString()}` : sql``}
    ${input.to ? sql`and m.created_at <= ${input.to.toISOString()}` : sql``}`;
}
