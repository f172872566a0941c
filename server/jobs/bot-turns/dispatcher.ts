import { randomBytes } from 'node:crypto';
import { providerKey, responder } from '../../ai';
import { config } from '../../config';
import { sql } from '../../db/client';
import { logger } from '../../logger';
import type { TurnContext } from '../../services/bot-turns/context';
import {
  BOT_TURNS_CHANNEL,
  type ClaimedTurn,
  claimTurns,
  giveBackStrayTurns,
  putBack,
  releaseTurns,
  takeTurnsHere,
  waitingTurns,
} from '../../services/bot-turns/turns';
import { ProviderGate } from './provider-gate';
import { backoffMs, type RunningTurn, runTurn } from './run-turn';

/** A claim pass runs at least this often (turns whose backoff ended, a missed announcement). */
const TICK_MS = 1_000;
/** While turns wait for a place, their queue's age is logged this often at most. */
const WAIT_LOG_MS = 10_000;
/**
 * On shutdown, calls in flight get this long to finish before they are stopped and their turns
 * given back, announced, to a live worker (which asks again at once). It fits the worker's step
 * of the shutdown (server/main.ts, 1.2 s); the calls also ran on while HTTP and the sockets
 * closed before it.
 */
const STOP_GRACE_MS = 500;
const log = logger.child({ component: 'bot-turns' });

/** What asked for a claim pass: an announcement, a turn of this process ending, the tick. */
type ClaimReason = 'announced' | 'finished' | 'tick';

export interface TurnDispatcher {
  /** The id its turns are marked with; it must beat in worker_heartbeats (recovery.ts). */
  readonly owner: string;
  /** Turns this process is answering now. */
  running(): number;
  /**
   * Gives back the turns marked as this dispatcher's that it does not run (recovery.ts, every
   * beat), never one a claim of its still in flight may have taken.
   */
  giveBackStray(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Answers bot turns in this process without holding a job slot or a connection while the model
 * works: hundreds of calls can be in flight, bounded by MODEL_MAX_IN_FLIGHT. A message that
 * opens a turn is announced on BOT_TURNS_CHANNEL; every dispatcher then claims what it has room
 * for (claim_bot_turns keeps the provider's and each chatbot's limits over all processes). An
 * announcement for a turn this process runs means a message joined it: the call is stopped and
 * asked again with the new message.
 */
export async function startTurnDispatcher(): Promise<TurnDispatcher> {
  const owner = `turns-${randomBytes(8).toString('hex')}`;
  const gate = new ProviderGate();
  const runner = { owner, responder, gate };
  const turns = new Map<number, RunningTurn>();
  /** Turns an accept took while the conversation's previous one was still ending here. */
  const next = new Map<number, ClaimedTurn>();
  let stopped = false;
  let claiming = false;
  /** Why the next pass runs, when one was asked for during a pass. */
  let again: ClaimReason | null = null;
  /**
   * Whether turns may be waiting that a place freed here could take: a pass filled every place
   * it asked for, an announced turn was not for this process to take (a limit, or another
   * process took it), or the last pass after a turn ended still found some. Only then does a
   * turn's end claim again; otherwise every answered message would cost a claim that finds
   * nothing (the tick catches the rest within a second).
   */
  let heldBack = false;
  let lastWaitLog = 0;
  /**
   * Claim passes and accepts taking turns for it, from before their statement to the hand-over,
   * with when each began: a turn one of them took started after that, and is not yet known here.
   */
  const claimsInFlight = new Map<object, number>();

  /** Claims what it has room for; true when it filled every place it asked for. */
  const claim = async (why: ClaimReason) => {
    const room = config.MODEL_MAX_IN_FLIGHT - turns.size;
    if (room <= 0 || gate.closedFor() > 0) {
      heldBack = true;
      return false;
    }
    const pass = {};
    claimsInFlight.set(pass, Date.now());
    let claimed: ClaimedTurn[];
    try {
      claimed = await claimTurns(owner, {
        provider: providerKey(),
        providerLimit: config.MODEL_MAX_IN_FLIGHT,
        chatbotLimit: config.CHATBOT_MAX_IN_FLIGHT,
        max: room,
      });
      for (const c of claimed) startOrQueue(c);
    } finally {
      claimsInFlight.delete(pass);
    }
    const got = claimed.length;
    if (why === 'finished') heldBack = got > 0;
    else if (got === room || (why === 'announced' && got === 0)) heldBack = true;
    return got === room;
  };

  const kick = (why: ClaimReason) => {
    if (stopped) return;
    if (claiming) {
      if (again !== 'announced') again = why;
      return;
    }
    claiming = true;
    void (async () => {
      try {
        let next: ClaimReason | null = why;
        while (next && !stopped) {
          again = null;
          // A pass that filled every place it asked for: there may be more.
          if (await claim(next)) again ??= next;
          next = again;
        }
      } catch (err) {
        log.error({ err }, 'claiming bot turns failed');
      } finally {
        claiming = false;
      }
    })();
  };

  const start = (turn: RunningTurn['turn'], context: TurnContext) => {
    const running: RunningTurn = {
      turn,
      abort: new AbortController(),
      joined: false,
      stopping: false,
    };
    turns.set(turn.conversationId, running);
    void runTurn(running, context, runner)
      .catch(async (err) => {
        log.error({ err, conversationId: turn.conversationId }, 'bot turn failed');
        // It waits with backoff; if even that fails, the own-turn sweep gives it back (recovery.ts).
        await putBack(turn.conversationId, owner, backoffMs(running.turn.attempts), {
          attemptCounts: true,
        }).catch(() => {});
      })
      .finally(() => {
        const id = turn.conversationId;
        if (turns.get(id) === running) turns.delete(id);
        const taken = next.get(id);
        next.delete(id);
        if (taken && !stopped) start(taken.turn, taken.context);
        // A message announced after this run saved opened a new turn, which the run did not
        // take: it is claimed now rather than at the next tick.
        if (running.joined && !taken) kick('announced');
        else if (heldBack) kick('finished');
      });
  };

  /** Starts a claimed turn, or, while the conversation's previous one is still ending here, after it. */
  const startOrQueue = (claimed: ClaimedTurn) => {
    if (turns.has(claimed.turn.conversationId)) next.set(claimed.turn.conversationId, claimed);
    else start(claimed.turn, claimed.context);
  };

  const announced = (payload: string) => {
    const running = turns.get(Number(payload));
    if (running && !running.joined) {
      running.joined = true;
      running.abort.abort();
      return;
    }
    kick('announced');
  };

  const reportWaiting = async () => {
    if (Date.now() - lastWaitLog < WAIT_LOG_MS) return;
    const waiting = await waitingTurns();
    if (waiting.count === 0 || waiting.oldestSeconds < 1) return;
    lastWaitLog = Date.now();
    log.warn(
      {
        waiting: waiting.count,
        oldestSeconds: Math.round(waiting.oldestSeconds * 10) / 10,
        running: turns.size,
        providerClosedMs: gate.closedFor(),
      },
      'bot turns wait for a model place',
    );
  };

  const listening = await sql.listen(BOT_TURNS_CHANNEL, announced, () => kick('announced'));
  // The accepts of this process take new turns for it while it has a free place (open_bot_turn).
  takeTurnsHere({
    claim: () => {
      if (stopped || config.MODEL_MAX_IN_FLIGHT - turns.size <= 0 || gate.closedFor() > 0)
        return null;
      const claim = {
        owner,
        provider: providerKey(),
        providerLimit: config.MODEL_MAX_IN_FLIGHT,
        chatbotLimit: config.CHATBOT_MAX_IN_FLIGHT,
        history: config.AI_HISTORY_MESSAGES,
      };
      claimsInFlight.set(claim, Date.now());
      return claim;
    },
    settled: (claim) => {
      claimsInFlight.delete(claim);
    },
    take: (claimed) => {
      if (stopped) return; // its release, or the dead owners' sweep, gives it back
      startOrQueue(claimed);
    },
  });
  const timer = setInterval(() => {
    kick('tick');
    void reportWaiting().catch(() => {});
  }, TICK_MS);
  timer.unref();

  return {
    owner,
    running: () => turns.size,
    // A turn an accept or a claim pass took is in `turns` (or beside its conversation's running
    // turn in `next`) from the hand-over on; before it, only the claims in flight tell of it: the
    // sweep looks only at turns started before the oldest of them began.
    giveBackStray: () =>
      giveBackStrayTurns(
        owner,
        [...turns.keys()],
        new Date(Math.min(Date.now(), ...claimsInFlight.values())),
      ),
    async stop() {
      stopped = true;
      takeTurnsHere(null);
      clearInterval(timer);
      await listening.unlisten().catch(() => {});
      const deadline = Date.now() + STOP_GRACE_MS;
      while (turns.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      for (const running of turns.values()) {
        running.stopping = true;
        running.abort.abort();
      }
      const given = await releaseTurns(owner).catch(() => 0);
      if (given > 0) log.info({ turns: given }, 'bot turns given back on shutdown');
    },
  };
}
