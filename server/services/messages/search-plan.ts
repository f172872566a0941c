import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../auth/actor';
import type { DbOrTx } from '../../db/client';
import type { SearchMessagesInput } from './search-input';
import {
  conversationConditions,
  dateConditions,
  limitedAgent,
  matches,
  type SearchMode,
  TEXT,
} from './search-sql';

/**
 * How message search finds a page, chosen from statistics because the planner cannot choose
 * well: it prices testing a message's text (folding and parsing it: about 12 µs) far below its
 * cost, and has no statistics for the start of a word, which every search word is.
 *
 * - `walk`: down the workspace's messages, newest first, testing each one's text until the page
 *   is full: about (limit + 1) / share messages, quick when many match (2% of them: 1,000
 *   messages, 13 ms), slow when few do (0.1%: 20,000, 250 ms).
 * - `windows`: a window of the workspace's messages at a time, newest first, its matches taken
 *   from the indexes (the text's GIN index ANDed with the window's range of
 *   messages_workspace_idx, so only its matches are read from the table), until the page is
 *   full or the messages run out. Windows are counted in the workspace's own messages, not in
 *   ids, which other workspaces share. The first is sized for about twice the page's matches,
 *   the next from what the last found (nextSpan); a first window of every message is every
 *   match (the GIN index alone: ANDing a million of the workspace's ids cost 26 ms). Each
 *   window decodes the words' posting lists again: about 0.4 µs an entry, 20 to 70 ms for a
 *   word in 5% of 2,000,000 messages, or for two words' starts.
 *
 * Walk when its cost is below two windows', and then only as far as four times the messages
 * it expects to read (a share overestimated, two words rarer together than apart, must not walk
 * a million messages: it did, 1.2 s); the windows go on from there. The share expected to match: ANALYZE's most
 * common lexemes of the word index (pg_stats of messages_search_words_idx), the product of the
 * words' shares, whole or as a start (a word outside them is rare: share 0, every match at once);
 * inside words, the planner's own estimate of the LIKE (measured better than the lexemes': a
 * common piece of a word is in many lexemes). Times the planner's estimate of the share the
 * filters keep (the conversations' status, channel, agent, the agent's access rule, and the
 * messages' dates). Inside words, the newest INSIDE_WALK messages are walked first whatever
 * the estimate: a piece of a word is tested in about 4 µs (no parsing), and the trigram
 * index's candidates for a piece of common letters are many (77,000 of which 600 matched, 500
 * ms). Measured by scripts/bench/message-search.ts (docs/performance.md).
 */
export interface SearchScan {
  /** Message ids below this are searched (the cursor's, or past the newest). */
  top: number;
  /** How many of the newest messages to walk first (0: none). */
  walk: number;
  /** The first window's span of messages, after the walk if there was one. */
  first: number;
}

/** Costs of the two scans, in µs, measured at 2,000,000 messages (see above). */
const WALK_US_PER_MESSAGE = 12;
const GIN_US_PER_ENTRY = 0.4;
/** Matches the first window is sized for, as a multiple of the page. */
const FIRST_WINDOW_PAGES = 2;
const MIN_WINDOW = 1_000;
/** Inside words, the newest messages walked before the trigram index is asked. */
export const INSIDE_WALK = 4_000;

async function estimatedRows(tx: DbOrTx, statement: SQL): Promise<number> {
  const [row] = (await tx.execute(sql`explain (format json) ${statement}`)) as unknown as {
    'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
  }[];
  return Math.max(1, row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 1);
}

/** The share of the workspace's customer conversations the filters and access rule keep. */
async function conversationShare(
  tx: DbOrTx,
  actor: Actor,
  input: z.output<typeof SearchMessagesInput>,
): Promise<number> {
  if (limitedAgent(actor) === null && !input.channel && !input.status && !input.agentId) return 1;
  const [kept, all] = await Promise.all([
    estimatedRows(
      tx,
      sql`select 1 from conversations c where ${conversationConditions(actor, input)}`,
    ),
    estimatedRows(
      tx,
      sql`select 1 from conversations c where c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'`,
    ),
  ]);
  return Math.min(1, kept / all);
}

export async function searchScan(
  tx: DbOrTx,
  actor: Actor,
  input: z.output<typeof SearchMessagesInput>,
  words: string[],
  mode: SearchMode,
  before: number | null,
): Promise<SearchScan> {
  const scope = sql`select 1 from messages m where m.workspace_id = ${actor.workspaceId} and ${TEXT} <> ''`;
  const dates = dateConditions(input);
  const [[stats], workspaceRows, likeRows, datedRows, kept] = await Promise.all([
    tx.execute(sql`
      select (select max(id) from messages where workspace_id = ${actor.workspaceId}) as newest,
        (select reltuples from pg_class where oid = 'messages'::regclass) as total,
        exp(sum(ln(greatest(1e-9, least(1, f))))) as share, sum(least(1, f)) as shares
      from (select coalesce((
          select sum(e.f) from pg_stats s,
            unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(lexeme, f)
          where s.schemaname = current_schema() and s.tablename = 'messages_search_words_idx'
            and (e.lexeme = kb_fold(w)
                 or (char_length(w) >= 3 and starts_with(e.lexeme, kb_fold(w))))), 0) as f
        from unnest(string_to_array(${words.join(' ')}, ' ')) w) words`) as unknown as Promise<
      { newest: number | null; total: number; share: number | null; shares: number | null }[]
    >,
    estimatedRows(tx, scope),
    mode === 'inside' ? estimatedRows(tx, sql`${scope} and ${matches(words, mode)}`) : 0,
    dates ? estimatedRows(tx, sql`${scope} and ${dates}`) : 0,
    conversationShare(tx, actor, input),
  ]);
  const textShare =
    mode === 'inside' ? Math.min(1, likeRows / workspaceRows) : Number(stats?.share ?? 0);
  const share = textShare * kept * (dates ? Math.min(1, datedRows / workspaceRows) : 1);
  const top = before ?? Number(stats?.newest ?? 0) + 1;
  // A window of every message (share 0: a rare word) is every match at once.
  const expected = Math.ceil((input.limit + 1) / Math.max(share, 1e-12));
  const first =
    FIRST_WINDOW_PAGES * expected >= workspaceRows
      ? Number.POSITIVE_INFINITY
      : Math.max(MIN_WINDOW, FIRST_WINDOW_PAGES * expected);
  if (mode === 'inside') return { top, walk: INSIDE_WALK, first };
  const walkCost = expected * WALK_US_PER_MESSAGE;
  const windowsCost = 2 * Number(stats?.shares ?? 0) * Number(stats?.total ?? 0) * GIN_US_PER_ENTRY;
  return { top, walk: share > 0 && walkCost <= windowsCost ? 4 * expected : 0, first };
}

/**
 * The next window's span, from what the last one found: sized for half as many again as the
 * page still misses at the density it saw, or eight times as wide when it found none (a
 * filter the estimate missed). Sized from what was seen, the last window reads little more
 * than it needs; growing by a fixed factor read up to four times the matches needed.
 */
export function nextSpan(span: number, found: number, missing: number): number {
  if (found === 0) return span * 8;
  return Math.max(MIN_WINDOW, Math.ceil((span * missing * 1.5) / found));
}
