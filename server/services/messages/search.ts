import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  CHANNELS,
  CONVERSATION_STATUSES,
  type MessageOrigin,
  ROLE_RANK,
} from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db, planEachCall } from '../../db/client';
import { AppError } from '../../errors';
import { type SnippetPart, snippetParts } from './search-snippet';

/** The fewest characters a search takes: one or two letters would match most messages. */
export const SEARCH_MIN_CHARS = 3;
export const SEARCH_MAX_LIMIT = 50;
/** Words past this many are ignored: each one is another index scan. */
const MAX_WORDS = 8;
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

export interface MessageSearchHit {
  messageId: string;
  conversationId: number;
  conversationUuid: string;
  contactName: string | null;
  channel: string | null;
  origin: MessageOrigin;
  createdAt: string;
  /** The matching words marked; render each part as text. */
  snippet: SnippetPart[];
}

export interface MessageSearchPage {
  results: MessageSearchHit[];
  nextCursor: string | null;
}

/** Opaque to clients: the mode of the first page and the last message's id. */
const encodeCursor = (mode: SearchMode, id: number) =>
  Buffer.from(`${mode === 'words' ? 'm' : 'i'}:${id}`).toString('base64url');
function decodeCursor(cursor: string): { mode: SearchMode; before: number } {
  const match = /^([mi]):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || Number(match[2]) > INT4_MAX)
    throw new AppError('BAD_REQUEST', 'Invalid cursor', [
      { field: 'cursor', message: 'cursor is invalid' },
    ]);
  return { mode: match[1] === 'm' ? 'words' : 'inside', before: Number(match[2]) };
}

/** The query's words (letters and digits only, so nothing in them is tsquery or LIKE syntax). */
export function searchWords(query: string): string[] {
  const words = query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS);
  if (words.join('').length < SEARCH_MIN_CHARS)
    throw new AppError(
      'BAD_REQUEST',
      `Search needs at least ${SEARCH_MIN_CHARS} letters or digits`,
      [{ field: 'query', message: `query needs at least ${SEARCH_MIN_CHARS} letters or digits` }],
    );
  return words;
}

/**
 * Every word as a lexeme, from three letters on also as the start of one ("reemb" finds
 * "reembolso"). Folded by PostgreSQL (kb_fold in the statement), the same unaccent as the index.
 */
const tsqueryText = (words: string[]) =>
  words.map((w) => (w.length >= 3 ? `'${w}':*` : `'${w}'`)).join(' & ');

interface Row {
  id: number;
  uuid: string;
  conversation_id: number;
  conversation_uuid: string;
  contact_name: string | null;
  channel: string | null;
  origin: MessageOrigin;
  created_at: string;
  text: string;
}

/**
 * The statement: the newest messages whose folded text holds every word (whole or as a start,
 * the GIN word index) or the whole query inside a word (the trigram index), among the
 * conversations the actor may see. The expressions are those of the indexes in
 * server/db/schema/messages.ts, letter for letter, or the planner cannot use them. The
 * text is read in the outer query, for the page's rows only.
 */
const TEXT = sql`message_text(m.content)`;

/**
 * What a message must hold, in the indexes' own expressions: `words`, every word whole or as
 * a word's start (the GIN word index); `inside`, the query inside a word (the trigram index),
 * asked only when the words find nothing, because a trigram's posting list grows with every
 * message: measured, OR-ing it into every search cost a rare word 22 ms at 100,000 messages.
 */
export type SearchMode = 'words' | 'inside';
function matches(words: string[], mode: SearchMode) {
  return mode === 'words'
    ? sql`to_tsvector('simple'::regconfig, kb_fold(${TEXT}))
               @@ to_tsquery('simple'::regconfig, kb_fold(${tsqueryText(words)}))`
    : sql`kb_fold(${TEXT}) like '%' || kb_fold(${words.join(' ')}) || '%'`;
}

/**
 * How to find a page: `walk` down the message ids, testing each message's text until the page
 * is full (quick when many match), or `matches`: every match from the indexes, then the newest
 * (quick when few do). The planner prices the test of a message's text far below its cost
 * (folding and parsing it: about 15-20 µs; a match fetched and sorted costs 2-4 µs while the
 * table is in shared buffers, about 20 µs past them at 2,000,000 messages; measured
 * by scripts/bench/message-search.ts) and has no statistics for prefixes, so it walked a
 * million messages for a rare word. The choice is made here instead, from ANALYZE's most
 * common lexemes of the word index (pg_stats of messages_search_words_idx): the share f of
 * messages that hold every word (the product of each word's share, whole or as a start: a
 * conjunction judged by its rarer word alone walked 1.3 s at 2,000,000 messages), and the
 * planner's estimate n of the workspace's messages. Walking reads about limit / f of the
 * table's rows; the matches are f × n: walk when f² × n² > WALK_FACTOR × limit × rows.
 * A word outside the most common lexemes is rare (f = 0): its matches are few.
 */
export type SearchShape = 'walk' | 'matches';
const WALK_FACTOR = 6;

async function estimatedRows(tx: DbOrTx, statement: ReturnType<typeof sql>): Promise<number> {
  const [row] = (await tx.execute(sql`explain (format json) ${statement}`)) as unknown as {
    'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
  }[];
  return row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
}

export async function searchShape(
  tx: DbOrTx,
  actor: Actor,
  words: string[],
  limit: number,
  mode: SearchMode,
): Promise<SearchShape> {
  const scope = sql`select 1 from messages m where m.workspace_id = ${actor.workspaceId} and ${TEXT} <> ''`;
  const [[stats], workspaceRows, likeRows] = await Promise.all([
    tx.execute(sql`
      select (select reltuples from pg_class where oid = 'messages'::regclass) as total,
        (select exp(sum(ln(greatest(1e-9, least(1, coalesce((
            select sum(e.f) from pg_stats s,
              unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(lexeme, f)
            where s.schemaname = current_schema() and s.tablename = 'messages_search_words_idx'
              and (e.lexeme = kb_fold(w)
                   or (char_length(w) >= 3 and starts_with(e.lexeme, kb_fold(w))))), 0))))))
          from unnest(string_to_array(${words.join(' ')}, ' ')) w) as share`) as unknown as Promise<
      { total: number; share: number | null }[]
    >,
    estimatedRows(tx, scope),
    // Inside words, the planner's own estimate of LIKE from the folded texts' statistics
    // (measured better than the lexemes': a common piece of a word is in many lexemes).
    mode === 'inside' ? estimatedRows(tx, sql`${scope} and ${matches(words, mode)}`) : 0,
  ]);
  if (mode === 'inside') {
    return likeRows * likeRows > WALK_FACTOR * (limit + 1) * Math.max(1, workspaceRows)
      ? 'walk'
      : 'matches';
  }
  const f = Number(stats?.share ?? 0);
  const matched = f * workspaceRows;
  return matched * matched > WALK_FACTOR * (limit + 1) * Math.max(1, Number(stats?.total ?? 0))
    ? 'walk'
    : 'matches';
}

export function searchStatement(
  actor: Actor,
  input: z.output<typeof SearchMessagesInput>,
  words: string[],
  mode: SearchMode,
  shape: SearchShape = 'walk',
) {
  const agent = ROLE_RANK[actor.role] < ROLE_RANK.supervisor ? actor.userId : null;
  const before = input.cursor ? decodeCursor(input.cursor).before : null;
  // `+ 0` hides the ids' order from the planner, so it cannot walk the primary key.
  const order = shape === 'walk' ? sql`m.id desc` : sql`m.id + 0 desc`;
  // Among matches, the workspace is checked on each match: ANDing the bitmap of every message
  // of the workspace (from messages_idempotency_unique) cost more than the matches themselves.
  const workspace = shape === 'walk' ? sql`m.workspace_id` : sql`m.workspace_id + 0`;
  return sql`
    select s.id, s.uuid, s.conversation_id, s.conversation_uuid, s.contact_name, s.channel,
      s.origin, iso_time(s.created_at) as created_at,
      message_text(s.content) as text
    from (
      select m.id, m.uuid, m.conversation_id, c.uuid as conversation_uuid, ct.name as contact_name,
        c.channel, m.origin, m.created_at, m.content
      from messages m
      join conversations c on c.id = m.conversation_id
      left join contacts ct on ct.id = c.contact_id
      where ${workspace} = ${actor.workspaceId}
        and ${TEXT} <> ''
        and ${matches(words, mode)}
        and c.workspace_id = ${actor.workspaceId} and c.kind = 'customer'
        ${agent === null ? sql`` : sql`and agent_may_access(${agent}::integer, c.assigned_user_id, c.assigned_bot_id)`}
        ${input.channel ? sql`and c.channel = ${input.channel}` : sql``}
        ${input.status ? sql`and c.status = ${input.status}` : sql``}
        ${input.agentId ? sql`and c.assigned_user_id = ${input.agentId}` : sql``}
        ${input.from ? sql`and m.created_at >= ${input.from.toISOString()}` : sql``}
        ${input.to ? sql`and m.created_at <= ${input.to.toISOString()}` : sql``}
        ${before === null ? sql`` : sql`and m.id < ${before}`}
      order by ${order}
      limit ${input.limit + 1}
    ) s
    order by s.id desc`;
}

/**
 * Messages the actor may see whose text matches `query`, accents and case ignored, newest
 * first: supervisors and admins search their workspace's customer conversations, agents those
 * agentAccessFilter lets them act on (their own, unassigned, a bot's). Private notes are not
 * messages and are never found.
 */
export async function searchMessages(
  actor: Actor,
  raw: SearchMessagesInput,
  tx: DbOrTx = db,
): Promise<MessageSearchPage> {
  const input = SearchMessagesInput.parse(raw);
  const words = searchWords(input.query);
  // Planned for its values (the words' frequencies decide the plan), never a generic plan.
  const adhoc = planEachCall(tx);
  const run = async (mode: SearchMode) => {
    const shape = await searchShape(adhoc, actor, words, input.limit, mode);
    return (await adhoc.execute(
      searchStatement(actor, input, words, mode, shape),
    )) as unknown as Row[];
  };
  let mode: SearchMode = input.cursor ? decodeCursor(input.cursor).mode : 'words';
  let rows = await run(mode);
  if (rows.length === 0 && !input.cursor) {
    mode = 'inside';
    rows = await run(mode);
  }
  const page = rows.slice(0, input.limit);
  return {
    results: page.map((r) => ({
      messageId: r.uuid,
      conversationId: r.conversation_id,
      conversationUuid: r.conversation_uuid,
      contactName: r.contact_name,
      channel: r.channel,
      origin: r.origin,
      createdAt: r.created_at,
      snippet: snippetParts(r.text, words),
    })),
    nextCursor: rows.length > input.limit ? encodeCursor(mode, page.at(-1)!.id) : null,
  };
}
