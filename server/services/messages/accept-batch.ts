import { db } from '../../db/client';
import { isLockTimeout, isRolledBack } from '../../errors';
import { withTurnClaimHere } from '../bot-turns/turns';
import {
  type Accepted,
  acceptIntoNamedConversation,
  acceptIntoNamedConversations,
  type NamedConversationSend,
} from './create';

/**
 * Group commit for the ordinary send (a visitor's message into the open conversation it
 * names, without an Idempotency-Key). A send starts writing at once when a lane is free; sends
 * that arrive while both lanes are writing wait and are then written together, in one
 * statement and one commit (accept_messages, migration 0013). So a lone message waits for
 * nothing, and under load the per-transaction cost (the round trip, the commit and its WAL
 * flush, which commits that NOTIFY take one at a time) is shared by the batch
 * (docs/performance.md, issue 5).
 *
 * Each send still gets exactly its own outcome. One message's error rolls back its whole batch;
 * each message of the batch is then accepted alone, so the error is only its own. A batch waits
 * at most LOCK_WAIT_MS for a lock (a conversation another transaction holds for long): past it,
 * its messages are accepted alone too, waiting as long as it takes without holding a lane, so
 * one busy conversation never stalls everyone's sends. After an error that may have come after
 * the commit (a lost connection), every message of the batch gets that error, as a lone
 * statement's would, and nothing is retried.
 */
const LANES = 2;
/** Messages written in one statement at most. */
const MAX_BATCH = 32;
/** How long a batch waits for a lock before its messages are accepted alone. */
const LOCK_WAIT_MS = 500;

interface Waiting {
  accept: NamedConversationSend;
  resolve: (accepted: Accepted | undefined) => void;
  reject: (err: unknown) => void;
}

const waiting: Waiting[] = [];
let busyLanes = 0;

/**
 * Since the process started: statements run, the messages in them, and the messages accepted
 * alone after their batch failed (tests, diagnostics).
 */
export const acceptBatchStats = { statements: 0, messages: 0, retriedAlone: 0 };

/** acceptIntoNamedConversation, in one statement with the sends that arrive meanwhile. */
export function acceptInGroupCommit(accept: NamedConversationSend): Promise<Accepted | undefined> {
  return new Promise((resolve, reject) => {
    waiting.push({ accept, resolve, reject });
    startBatches();
  });
}

function startBatches() {
  while (busyLanes < LANES && waiting.length > 0) {
    busyLanes++;
    void writeBatch(waiting.splice(0, MAX_BATCH)).finally(() => {
      busyLanes--;
      startBatches();
    });
  }
}

async function writeBatch(batch: Waiting[]) {
  acceptBatchStats.statements++;
  acceptBatchStats.messages += batch.length;
  try {
    // Its own statement (autocommit): a turn it takes for this process's dispatcher is committed
    // by the time the dispatcher gets it.
    const accepted = await withTurnClaimHere((claim, taken) =>
      acceptIntoNamedConversations(
        db,
        batch.map((w) => w.accept),
        { lockWaitMs: LOCK_WAIT_MS, claim, taken },
      ),
    );
    for (const [k, w] of batch.entries()) w.resolve(accepted[k]);
  } catch (err) {
    // A lone message's own error would only repeat; a lock it gave up on is worth the wait.
    if (!isRolledBack(err) || (batch.length === 1 && !isLockTimeout(err))) {
      for (const w of batch) w.reject(err);
      return;
    }
    acceptBatchStats.retriedAlone += batch.length;
    void acceptAlone(batch);
  }
}

/**
 * Each message on its own statement, outside the lanes: one conversation's in the order they
 * came, different conversations side by side.
 */
async function acceptAlone(batch: Waiting[]) {
  const byConversation = new Map<string, Waiting[]>();
  for (const w of batch) {
    const key = JSON.stringify(w.accept.conversation);
    const queue = byConversation.get(key);
    if (queue) queue.push(w);
    else byConversation.set(key, [w]);
  }
  await Promise.all(
    [...byConversation.values()].map(async (queue) => {
      for (const w of queue)
        await acceptIntoNamedConversation(db, w.accept).then(w.resolve, w.reject);
    }),
  );
}
