import type postgres from 'postgres';
import { logger } from '../logger';
import { EVENTS_CHANNEL } from '../services/events';
import {
  announcedEvent,
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
 * strictly in id order. An announcement carries its event as the outbox read would return it
 * (announce_event), so events are dispatched without a read; the outbox is read after an
 * announcement by id only (a large event, a bulk write), on (re-)listen (a dropped connection's
 * notifications are lost) and when a missing id lasts.
 */
export class EventHub {
  private listeners = new Set<Listener>();
  private cursor = 0;
  /** The first missing id: when it was first seen, and PostgreSQL's clock soon after. */
  private gap: { id: number; since: number; dbTime?: Date } | undefined;
  /** Missing ids given up on: once no transaction that could write them was left, or on time. */
  readonly gapsSkipped = { writersEnded: 0, timedOut: 0 };
  /** Reads of the outbox (an announced event needs none): what the announcements save. */
  outboxReads = 0;
  private draining = false;
  private dirty = false;
  private retry: NodeJS.Timeout | undefined;
  private listenHandle: { unlisten(): Promise<void> } | undefined;
  private signalsHandle: { unlisten(): Promise<void> } | undefined;
  /** Signals waiting for the hub to pass the outbox id they follow, in arrival order. */
  private signals: HubEvent[] = [];
  /** Events their announcements carried, by id, until the cursor reaches them. */
  private announced = new Map<number, HubEvent>();
  /** The outbox must be read: it may hold events no announcement carried. */
  private mustRead = true;
  private stopped = false;

  async start(client: postgres.Sql): Promise<void> {
    this.stopped = false;
    this.cursor = await latestEventId();
    // postgres.js re-runs LISTEN after a reconnect and calls onlisten again: catch up then.
    this.listenHandle = await client.listen(
      EVENTS_CHANNEL,
      (payload) => this.announce(payload),
      () => {
        this.mustRead = true;
        this.kick();
      },
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
    this.announced.clear();
    this.listeners.clear();
  }

  get position(): number {
    return this.cursor;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(payload: string) {
    const event = announcedEvent(payload);
    if (!event) this.mustRead = true;
    else if (event.id > this.cursor) this.announced.set(event.id, event);
    // A hub far behind (or a gap held for long) keeps the outbox's order, not a copy of it.
    if (this.announced.size > 2 * EVENT_BATCH) {
      this.announced.clear();
      this.mustRead = true;
    }
    this.kick();
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
        // An announcement that came after the drain's last look (it may end without awaiting).
        if (this.dirty) this.kick();
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
      if (!this.mustRead) {
        const run = this.takeAnnounced();
        if (run.length) {
          this.dispatch(run);
          continue;
        }
        if (this.announced.size === 0) return;
        // A missing id: transactions commit out of id order, so its announcement is usually
        // a moment away. Only once it lasts a recheck is the outbox asked (below).
        const missing = this.cursor + 1;
        if (this.gap?.id !== missing) this.gap = { id: missing, since: Date.now() };
        if (Date.now() - this.gap.since < GAP_RECHECK_MS) {
          this.schedule(GAP_RECHECK_MS);
          return;
        }
      }
      this.mustRead = false;
      this.outboxReads++;
      const events = await loadEvents(this.cursor);
      let held = this.dispatch(events);
      // A gap is usually a transaction a moment from its commit, whose NOTIFY comes next: look
      // at the writers only once it has lasted a recheck.
      const lasting = held && Date.now() - (this.gap?.since ?? 0) >= GAP_RECHECK_MS;
      if (lasting && (await this.gapWritersEnded())) {
        // Nothing can write the missing id any more: read again, and if it is still missing
        // (its transaction rolled back), go on without it.
        this.outboxReads++;
        held = this.dispatch(await loadEvents(this.cursor), this.cursor + 1);
      }
      for (const id of this.announced.keys()) if (id <= this.cursor) this.announced.delete(id);
      if (held) this.schedule(GAP_RECHECK_MS);
      else if (events.length >= EVENT_BATCH) this.mustRead = true; // more than a batch behind
      if (!this.dirty && !this.mustRead && (events.length < EVENT_BATCH || held)) return;
    }
  }

  /** The announced events that follow the cursor without a missing id, taken out in order. */
  private takeAnnounced(): HubEvent[] {
    const run: HubEvent[] = [];
    for (let id = this.cursor + 1; this.announced.has(id); id++) {
      run.push(this.announced.get(id)!);
      this.announced.delete(id);
    }
    return run;
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
