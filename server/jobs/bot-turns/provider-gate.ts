import { retryAfterMs } from '../../ai/rate-limit';

/** Backoff for a 429 that names no Retry-After: 1 s, doubling with each in a row, at most 60 s. */
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 60_000;

/**
 * This process's view of the provider's rate limit: after a 429 no new call starts until the
 * time the provider named (Retry-After), or a backoff that grows while 429s follow one another.
 * Other processes learn it from their own 429s; the turns themselves wait in PostgreSQL.
 */
export class ProviderGate {
  private until = 0;
  private inARow = 0;

  /** Milliseconds until calls may start again (0: now). */
  closedFor(now = Date.now()): number {
    return Math.max(0, this.until - now);
  }

  /** A call was refused with 429: closes the gate; answers how long the turn should wait. */
  rateLimited(err: unknown, now = Date.now()): number {
    this.inARow++;
    const named = retryAfterMs(err);
    const wait =
      named ?? Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.min(this.inARow - 1, 10));
    this.until = Math.max(this.until, now + wait);
    return wait;
  }

  /** A call went through: the next 429 starts its backoff over. */
  passed(): void {
    this.inARow = 0;
  }
}
