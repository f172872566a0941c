import { and, eq, sql } from 'drizzle-orm';
import { config } from '../../config';
import { db } from '../../db/client';
import { rowFromJson } from '../../db/rows';
import { type BotTurn, botTurns } from '../../db/schema';
import { type ContextRow, decodeTurnContext, type TurnContext } from './context';

/** The channel open_bot_turn announces on (the conversation's id) when a message opens or joins a turn. */
export const BOT_TURNS_CHANNEL = 'bot_turns';

export interface ClaimLimits {
  /** The provider the calls go to: its places are counted across every process. */
  provider: string;
  providerLimit: number;
  chatbotLimit: number;
  /** How many this caller takes at most (its own free places). */
  max: number;
}

/** A claimed turn, with what the model needs to answer it. */
export interface ClaimedTurn {
  turn: BotTurn;
  context: TurnContext;
}

/**
 * Marks waiting turns running under `owner` within the limits, starts their typing indicator
 * and answers them with their context, in one statement (claim_bot_turns).
 */
export async function claimTurns(owner: string, limits: ClaimLimits): Promise<ClaimedTurn[]> {
  if (limits.max <= 0) return [];
  const rows = (await db.execute(sql`select * from claim_bot_turns(${owner}::text,
    ${limits.provider}::text, ${limits.providerLimit}::int, ${limits.chatbotLimit}::int,
    ${limits.max}::int, ${config.AI_HISTORY_MESSAGES}::int)`)) as unknown as (ContextRow & {
    turn: Record<string, unknown>;
  })[];
  return rows.map((r) => ({ turn: rowFromJson(botTurns, r.turn), context: decodeTurnContext(r) }));
}

/**
 * A dispatcher in this process that takes new turns in the statement that accepts their
 * message (open_bot_turn's p_claim), when it has a free place: the claim then costs no
 * statement, transaction or announcement of its own (issue 19, docs/performance.md).
 */
export interface TurnTaker {
  /** The claim's arguments while it has a free place, else null (the turn is announced). */
  claim(): TakerClaim | null;
  /** A turn the accept took for it: it runs it as one it claimed. */
  take(claimed: ClaimedTurn): void;
  /**
   * The accept that got `claim` has ended, its turn (if it took one) handed over: until then the
   * taker may own a turn it does not know of yet, which its stray sweep must not give back.
   */
  settled(claim: TakerClaim): void;
}

/** open_bot_turn's p_claim. */
export interface TakerClaim {
  owner: string;
  provider: string;
  providerLimit: number;
  chatbotLimit: number;
  history: number;
}

let taker: TurnTaker | null = null;

/** The dispatcher of this process registers as it starts, and unregisters (null) as it stops. */
export function takeTurnsHere(next: TurnTaker | null) {
  taker = next;
}

/** What an accept statement took for this process (open_bot_turn's answer). */
export type TakenTurn = ContextRow & { turn: Record<string, unknown> };

/** Turns this process's accepts took since it started (tests, diagnostics). */
export const takenOnAccept = { turns: 0 };

/**
 * Runs an accept statement with this process's claim (null: no dispatcher here, or no place)
 * and `taken`, which hands a turn it took to the taker whose claim it was (a dispatcher that
 * stopped meanwhile leaves it to its release or the dead owners' sweep). The claim is counted
 * in flight by that taker until the statement has ended and handed over.
 */
export async function withTurnClaimHere<T>(
  accept: (claim: TakerClaim | null, taken: (turn: TakenTurn) => void) => Promise<T>,
): Promise<T> {
  const by = taker;
  const claim = by?.claim() ?? null;
  const taken = (t: TakenTurn) => {
    takenOnAccept.turns++;
    by?.take({ turn: rowFromJson(botTurns, t.turn), context: decodeTurnContext(t) });
  };
  try {
    return await accept(claim, taken);
  } finally {
    if (claim) by?.settled(claim);
  }
}

/** The turn as it is now, if `owner` still runs it (a freed turn may be another's by now). */
export async function ownedTurn(conversationId: number, owner: string): Promise<BotTurn | null> {
  const [turn] = await db
    .select()
    .from(botTurns)
    .where(and(eq(botTurns.conversationId, conversationId), eq(botTurns.owner, owner)));
  return turn ?? null;
}

/**
 * Puts a running turn back to wait until `delayMs` from now: a failed call (the attempt
 * counts) or a rate-limited one (it does not: the provider said when to come back).
 */
export async function putBack(
  conversationId: number,
  owner: string,
  delayMs: number,
  options: { attemptCounts: boolean },
): Promise<void> {
  await db
    .update(botTurns)
    .set({
      state: 'waiting',
      owner: null,
      provider: null,
      startedAt: null,
      runAfter: sql`now() + make_interval(secs => ${delayMs / 1000}::float8)`,
      attempts: options.attemptCounts
        ? botTurns.attempts
        : sql`greatest(${botTurns.attempts} - 1, 0)`,
    })
    .where(and(eq(botTurns.conversationId, conversationId), eq(botTurns.owner, owner)));
}

/** Ends a turn the bot no longer answers (a human took over, the conversation ended). */
export async function dropTurn(conversationId: number, owner: string) {
  await db
    .delete(botTurns)
    .where(and(eq(botTurns.conversationId, conversationId), eq(botTurns.owner, owner)));
}

/**
 * Gives back every turn `owner` runs (its process is stopping): they wait again and are
 * announced, so another worker takes them now instead of after the owner's heartbeat expires.
 */
export async function releaseTurns(owner: string): Promise<number> {
  const rows = (await db.execute(sql`
    with freed as (
      update bot_turns set state = 'waiting', owner = null, provider = null, started_at = null,
        attempts = greatest(attempts - 1, 0)
      where owner = ${owner}::text returning 1
    )
    select n, pg_notify(${BOT_TURNS_CHANNEL}::text, '')
    from (select count(*)::int as n from freed) f where n > 0`)) as unknown as {
    n: number;
  }[];
  return rows[0]?.n ?? 0;
}

/** Turns waiting for a place (due now) and the oldest one's age: the queue a limit builds. */
export async function waitingTurns(): Promise<{ count: number; oldestSeconds: number }> {
  const [row] = (await db.execute(sql`
    select count(*)::int as count,
      coalesce(extract(epoch from now() - min(opened_at)), 0)::float8 as "oldestSeconds"
    from bot_turns where state = 'waiting' and run_after <= now()`)) as unknown as {
    count: number;
    oldestSeconds: number;
  }[];
  return row ?? { count: 0, oldestSeconds: 0 };
}

/**
 * Frees the turns of owners that stopped beating (their process died): they wait again, are
 * announced, and another worker's dispatcher answers them. As with job locks (recovery.ts), a
 * turn started less than `deadSeconds` ago is left alone even without a beat: a new
 * dispatcher claims before its first beat is written. Answers the freed turns' count.
 */
export async function freeDeadOwnersTurns(deadSeconds: number): Promise<number> {
  const dead = sql`make_interval(secs => ${deadSeconds}::int)`;
  const rows = (await db.execute(sql`
    with freed as (
      update bot_turns t set state = 'waiting', owner = null, provider = null, started_at = null
      where t.state = 'running' and t.started_at < now() - ${dead}
        and not exists (
          select 1 from worker_heartbeats h
          where h.pool_id = t.owner and h.last_seen_at > now() - ${dead}
        )
      returning 1
    )
    select count(*)::int as n from freed`)) as unknown as { n: number }[];
  const n = rows[0]?.n ?? 0;
  if (n > 0) await db.execute(sql`select pg_notify(${BOT_TURNS_CHANNEL}::text, '')`);
  return n;
}

/**
 * Gives back turns marked as `owner`'s that it no longer runs (its run ended on an error the
 * database did not take, such as an outage): a beating owner's turns are never freed as dead.
 * `runningIds` are the conversations it ran when it looked, and `before` when the oldest of its
 * claims then in flight began (else the look): a turn started later, or less than a second
 * before it, is spared, as one such a claim, or one after the look, may have taken (this
 * statement can wait for a connection); the next sweep looks at it again. `before` is this
 * process's clock, the turns' start the database's: the second's margin covers their skew.
 */
export async function giveBackStrayTurns(
  owner: string,
  runningIds: number[],
  before: Date,
): Promise<number> {
  const rows = (await db.execute(sql`
    with given as (
      update bot_turns set state = 'waiting', owner = null, provider = null, started_at = null
      where owner = ${owner}::text
        and started_at < least(now(), ${before.toISOString()}::timestamptz) - interval '1 second'
        and conversation_id <> all(${`{${runningIds.join(',')}}`}::int[])
      returning 1
    )
    select n, pg_notify(${BOT_TURNS_CHANNEL}::text, '')
    from (select count(*)::int as n from given) g where n > 0`)) as unknown as {
    n: number;
  }[];
  return rows[0]?.n ?? 0;
}
