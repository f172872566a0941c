import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MessageOrigin } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db, planEachCall } from '../../db/client';
import { AppError } from '../../errors';
import { SearchMessagesInput } from './search-input';
import { nextSpan, searchScan } from './search-plan';
import { type SnippetPart, snippetParts } from './search-snippet';
import {
  conversationConditions,
  dateConditions,
  matches,
  type SearchMode,
  TEXT,
} from './search-sql';

/** The fewest characters a search takes: one or two letters would match most messages. */
export const SEARCH_MIN_CHARS = 3;
/** Words past this many are ignored: each one is another index scan. */
const MAX_WORDS = 8;
const INT4_MAX = 2_147_483_647;
/** A window this wide is the rest of the workspace's messages. */
const MAX_WINDOW = 1_000_000_000;

export { SEARCH_MAX_LIMIT, SearchMessagesInput } from './search-input';

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

/**
 * What separates words: anything but letters and digits, and the letters that unaccent folds
 * into punctuation (the modifier letters ʹ ʻ ʼ ʽ ˈ ː… become an apostrophe or a colon, ŉ
 * becomes 'n), since the words are folded after they are quoted: an apostrophe there ended the
 * tsquery's quoted lexeme early and the search failed with a syntax error.
 */
const NOT_A_WORD = /[^\p{L}\p{N}]+|[\u02B9-\u02DF\u0149]+/u;

/** The query's words (letters and digits only, so nothing in them is tsquery or LIKE syntax). */
export function searchWords(query: string): string[] {
  const words = query.normalize('NFC').split(NOT_A_WORD).filter(Boolean).slice(0, MAX_WORDS);
  if (words.join('').length < SEARCH_MIN_CHARS)
    throw new AppError(
      'BAD_REQUEST',
      `Search needs at least ${SEARCH_MIN_CHARS} letters or digits`,
      [{ field: 'query', message: `query needs at least ${SEARCH_MIN_CHARS} letters or digits` }],
    );
  return words;
}

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
 * One scan's statement: the newest messages whose folded text holds every word (whole or as a
 * start, the GIN word index) or the whole query inside a word (the trigram index), among the
 * conversations the actor may see, at most `limit`. The text is read in the outer query, for
 * the page's rows only (search-plan.ts says which scan and why):
 * - `walk`: down the workspace's ids (messages_workspace_idx) below `before`, or in [lo, hi);
 * - `window`: [lo, hi) of the workspace's ids ANDed with the text's index, ordered by `id + 0`,
 *   which no index gives, so that the planner does not walk;
 * - `all`: every match below `before`, from the text's index alone (`workspace_id + 0`).
 */
/** The planner's scan a statement runs without: the one that would not follow the plan. */
export type PlannerSetting = 'enable_indexscan' | 'enable_bitmapscan';
export type ScanRange =
  | { kind: 'walk'; before: number | null; lo?: number }
  | { kind: 'window'; lo: number; hi: number }
  | { kind: 'all'; before: number };
export function searchStatement(
  actor: Actor,
  input: z.output<typeof SearchMessagesInput>,
  words: string[],
  mode: SearchMode,
  range: ScanRange,
  limit: number,
) {
  const dates = dateConditions(input);
  const workspace = range.kind === 'all' ? sql`m.workspace_id + 0` : sql`m.workspace_id`;
  const ids =
    range.kind === 'window'
      ? sql`and m.id >= ${range.lo} and m.id < ${range.hi}`
      : sql`${range.kind === 'walk' && range.lo !== undefined ? sql`and m.id >= ${range.lo}` : sql``}
        ${range.before === null ? sql`` : sql`and m.id < ${range.before}`}`;
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
      where ${workspace} = ${actor.workspaceId} ${ids}
        and ${TEXT} <> ''
        and ${matches(words, mode)}
        and ${conversationConditions(actor, input)}
        ${dates ? sql`and ${dates}` : sql``}
      order by ${range.kind === 'walk' ? sql`m.id` : sql`m.id + 0`} desc
      limit ${limit}
    ) s
    order by s.id desc`;
}

/**
 * The page's rows (one more than the page, to know there is a next): one walk, or window after
 * window. The planner is held to the scan chosen (search-plan.ts): windows run with index
 * scans off (left on, it walks each window testing every message's text rather than ANDing
 * the indexes), a bounded walk with bitmap scans off (else it asks the trigram index).
 */
export async function searchRows(
  tx: DbOrTx,
  actor: Actor,
  input: z.output<typeof SearchMessagesInput>,
  words: string[],
  mode: SearchMode,
  before: number | null,
  onStatement?: (statement: SQL, off: PlannerSetting) => void,
): Promise<Row[]> {
  const want = input.limit + 1;
  const scan = await searchScan(tx, actor, input, words, mode, before);
  return tx.transaction(async (t) => {
    const rows: Row[] = [];
    // One scan's statement, with the planner held to it (set_config(..., true): this
    // transaction's, or in a caller's, restored after so it does not outlive the savepoint).
    const run = async (range: ScanRange, off: PlannerSetting) => {
      const statement = searchStatement(actor, input, words, mode, range, want - rows.length);
      onStatement?.(statement, off);
      await t.execute(sql`select set_config(${off}, 'off', true)`);
      const found = (await t.execute(statement)) as unknown as Row[];
      await t.execute(sql`select set_config(${off}, 'on', true)`);
      rows.push(...found);
      return found.length;
    };
    // The id of the workspace's span-th message below hi: where a scan of span messages ends.
    const edge = async (hi: number, span: number) => {
      if (span >= MAX_WINDOW) return null;
      const [row] = (await t.execute(sql`
        select id from messages where workspace_id = ${actor.workspaceId} and id < ${hi}
        order by id desc offset ${span - 1} limit 1`)) as unknown as { id: number }[];
      return row?.id ?? null;
    };
    let hi = scan.top;
    let span = scan.first;
    if (scan.walk > 0) {
      const lo = await edge(hi, scan.walk);
      const found = await run({ kind: 'walk', before: hi, lo: lo ?? 0 }, 'enable_bitmapscan');
      if (lo === null || rows.length >= want) return rows;
      // A piece of a word not in the newest messages is rare: the rest at once, rather than
      // windows that each decode the trigrams' long posting lists again.
      span =
        mode === 'inside' && found === 0
          ? MAX_WINDOW
          : nextSpan(scan.walk, found, want - rows.length);
      hi = lo;
    }
    for (let first = scan.walk === 0; rows.length < want; first = false) {
      const lo = await edge(hi, span);
      const found = await run(
        lo === null && first ? { kind: 'all', before: hi } : { kind: 'window', lo: lo ?? 0, hi },
        'enable_indexscan',
      );
      if (lo === null) break;
      span = nextSpan(span, found, want - rows.length);
      hi = lo;
    }
    return rows;
  });
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
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  let mode: SearchMode = cursor?.mode ?? 'words';
  let rows = await searchRows(adhoc, actor, input, words, mode, cursor?.before ?? null);
  if (rows.length === 0 && !cursor) {
    mode = 'inside';
    rows = await searchRows(adhoc, actor, input, words, mode, null);
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
