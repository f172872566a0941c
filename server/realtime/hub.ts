import type postgres from 'postgres';
import { logger } from '../logger';
import { EVENTS_CHANNEL } from '../services/events';
import {
  databaseNow,
  EVENT_BATCH,
  type HubEvent,
  latestEventId,
  loadEvents,
  noTransactionBegunBefore,
  SIGNALS_CHANNEL,
  signalEvent,
} from './event-reads';

type Listener = (event: HubEvent) => void;

/** How long a missing id (a transaction still open, or rolled back) holds later events back. */
const GAP_WAIT_MS = 2_000;
/** While a missing id holds events back, how often to look whether its writer has ended. */
const GAP_RECHECK_MS = 25;
const log = logger.child({ component: 'hub' });

/**
 * One LISTEN connection per process fans committed events out to this process's subscribers,
 * strictly in id order. NOTIFY carries ids only; the rows are read from the outbox, so a missed
 * notification (a dropped connection) is caught up on re-listen.
 */
export class EventHub {
  private listeners = new Set<Listener>();
  private cursor = 0;
  /** The first missing id: when it was first seen, and PostgreSQL's clock soon after. */
  private gap: { id: number; since: number; dbTime?: Date } | undefined;
  /** Missing ids given up on: once no transaction that could write them was left, or on time. */
  readonly gapsSkipped = { writersEnded: 0, timedOut: 0 };
  private draining = false;
  private dirty = false;
  private retry: NodeJS.Timeout | undefined;
  private listenHandle: { unlisten(): Promise<void> } | undefined;
  private signalsHandle: { unlisten(): Promise<void> } | undefined;
  /** Signals waiting for the hub to pass the outbox id they follow, in arrival order. */
  private signals: HubEvent[] = [];
  private stopped = false;

  async start(client: postgres.Sql): Promise<void> {
    this.stopped = false;
    this.cursor = await latestEventId();
    // postgres.js re-runs LISTEN after a reconnect and calls onlisten again: catch up then.
    this.listenHandle = await client.listen(
      EVENTS_CHANNEL,
      () => this.kick(),
      () => this.kick(),
    );
    // A signal lost with a dropped connection is not caught up: it said who was typing then.
    this.signalsHandle = await client.listen(SIGNALS_CHANNEL, (payload) => {
      const signal = signalEvent(payload);
      if (!signal) return;
      this.signals.push(signal);
      if (signal.id > this.cursor) this.kick();
      this.passSignals();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.listenHandle?.unlisten().catch(() => {});
    await this.signalsHandle?.unlisten().catch(() => {});
    this.signals = [];
    this.listeners.clear();
  }

  get position(): number {
    return this.cursor;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called on every notification; coalesces bursts into sequential batch reads. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.dirty = true;
      return;
    }
    this.draining = true;
    void this.drain()
      .catch((err) => {
        log.error({ err }, 'event fan-out failed; retrying');
        this.schedule(500);
      })
      .finally(() => {
        this.draining = false;
      });
  }

  private schedule(ms: number) {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.kick(), ms);
    this.retry.unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      this.dirty = false;
      const events = await loadEvents(this.cursor);
      let held = this.dispatch(events);
      // A gap is usually a transaction a moment from its commit, whose NOTIFY comes next: look
      // at the writers only once it has lasted a recheck.
      const lasting = held && Date.now() - (this.gap?.since ?? 0) >= GAP_RECHECK_MS;
      if (lasting && (await this.gapWritersEnded())) {
        // Nothing can write the missing id any more: read again, and if it is still missing
        // (its transaction rolled back), go on without it.
        held = this.dispatch(await loadEvents(this.cursor), this.cursor + 1);
      }
      if (held) this.schedule(GAP_RECHECK_MS);
      if (!this.dirty && (events.length < EVENT_BATCH || held)) return;
    }
  }

  /**
   * Whether every transaction that could still write the first missing id has ended. Its writer
   * took the id before a later event committed, so before the gap was seen: once no session of
   * ours has a transaction that began before then, the id will never appear. A session whose
   * activity PostgreSQL hides (another role's) counts as still open.
   */
  private async gapWritersEnded(): Promise<boolean> {
    const gap = this.gap;
    if (!gap) return false;
    if (!gap.dbTime) {
      gap.dbTime = await databaseNow();
      return false;
    }
    return noTransactionBegunBefore(gap.dbTime);
  }

  /**
   * Dispatches in order; returns true when a gap holds the rest back for now. `abandoned`: a
   * missing id no transaction can write any more.
   */
  private dispatch(events: HubEvent[], abandoned?: number): boolean {
    const now = Date.now();
    for (const event of events) {
      if (event.id <= this.cursor) continue;
      const missing = this.cursor + 1;
      if (event.id !== missing) {
        if (this.gap?.id !== missing) this.gap = { id: missing, since: now };
        if (missing !== abandoned && now - this.gap.since < GAP_WAIT_MS) return true;
        // A rolled-back transaction left the ids unused: stop waiting for them.
        if (missing === abandoned) this.gapsSkipped.writersEnded++;
        else this.gapsSkipped.timedOut++;
      }
      this.gap = undefined;
      this.cursor = event.id;
      this.tell(event);
      this.passSignals();
    }
    return false;
  }

  private tell(event: HubEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        log.error({ err, eventId: event.id }, 'event listener failed');
      }
    }
  }

  /**
   * Passes on the signals whose outbox id the hub has passed, in arrival order: a signal waits
   * behind one that still waits, so two of one conversation never swap. The id a signal waits
   * for may be one a rolled-back transaction took: the gap logic passes it within GAP_WAIT_MS.
   */
  private passSignals() {
    let passed = 0;
    while (passed < this.signals.length && this.signals[passed]!.id <= this.cursor) {
      this.tell({ ...this.signals[passed]!, id: this.cursor });
      passed++;
    }
    if (passed) this.signals.splice(0, passed);
  }
}

export const hub = new EventHub();
