import { identityCache } from '../auth/identity-cache';
import { AppError } from '../errors';
import { logger } from '../logger';

/**
 * Close code of a socket whose identity ended: its user was deleted, its login logged out or
 * ended by a password change, its token expired, or it never authenticated (the WebSocket
 * twin of HTTP 401; the reason says which).
 */
export const SESSION_ENDED = 4401;

/** What a session needs of its socket: a ws WebSocket, or an adapter over another transport. */
export interface SessionSocket {
  readonly readyState: number;
  readonly CLOSED: number;
  close(code: number, reason: string): void;
  terminate(): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Who a token says is on the other end, and when to ask again. */
export interface SocketIdentity<I> {
  identity: I;
  /** Identity-cache keys (`user:1`, `session:…`, `chatbot:2`) whose eviction means: check again. */
  keys: string[];
  /** The token's `exp`, seconds since the epoch. */
  expiresAt: number;
}

export type VerifySocketToken<I> = (token: string) => Promise<SocketIdentity<I>>;

// setTimeout holds at most 2^31-1 ms (24.8 days); a longer wait is taken in steps.
const MAX_TIMER_MS = 2_147_483_647;
/** How long an ended socket's peer has to answer the close frame before it is cut off. */
const CLOSE_WAIT_MS = 1_000;

/**
 * One open socket's identity. It is checked again whenever the identity cache evicts one of its
 * keys (a role change, a deletion, a revoked login) and when its token expires; a refusal
 * closes the socket with SESSION_ENDED. The client may hand it a fresh token at any time.
 * Checks run one after another, so a late answer never overwrites a newer one.
 */
export class SocketSession<I> {
  private token: string | null = null;
  private current: SocketIdentity<I> | null = null;
  /** Why there is no identity (a refused token, an expiry), for the next call's answer. */
  refusal: AppError | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private expiry: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();
  /** Ended or closed: nothing is applied any more. */
  private over = false;
  /** The keys the registry holds this session under. */
  indexed: readonly string[] = [];

  constructor(
    readonly ws: SessionSocket,
    private readonly verify: VerifySocketToken<I>,
    private readonly registry: SocketSessions,
    /** Whether a fresh token may replace the current one (the same user, say). */
    private readonly mayReplace: (current: I, next: I) => boolean,
  ) {}

  /** The identity now; null once its token expired, even before the socket is closed. */
  get identity(): I | null {
    const c = this.current;
    return c && c.expiresAt * 1000 > Date.now() ? c.identity : null;
  }

  /** Calls `listener` after every change of identity (a first token, a new role). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes a token verified already (the upgrade request's). */
  adopt(token: string, verified: SocketIdentity<I>): void {
    this.apply(token, verified);
  }

  /**
   * Verifies `token` and makes it the socket's: the first one, or a renewal before the current
   * one expires. A refused token throws its AppError and leaves the current identity as it was.
   */
  authenticate(token: string): Promise<I> {
    return this.serially(async () => {
      if (this.over) throw new AppError('UNAUTHORIZED', 'Socket closed');
      const verified = await this.verify(token).catch((err: unknown) => {
        if (err instanceof AppError && this.identity === null) this.refusal = err;
        throw err;
      });
      // Compared with the last identity even once its token expired: a socket keeps its user.
      const before = this.current?.identity;
      if (before !== undefined && !this.mayReplace(before, verified.identity)) {
        throw new AppError('BAD_REQUEST', 'A socket keeps its user; open a new one to switch');
      }
      this.apply(token, verified);
      return verified.identity;
    });
  }

  /** Verifies the current token again; a refusal ends the socket. */
  recheck(): Promise<void> {
    return this.serially(async () => {
      const token = this.token;
      if (token === null || this.over) return;
      try {
        this.apply(token, await this.verify(token));
      } catch (err) {
        if (err instanceof AppError) return this.end(err);
        // The database is unreachable, say: keep the socket; the next eviction asks again.
        logger.warn({ err }, 'socket identity check failed');
      }
    });
  }

  /** Closes the socket because its identity ended; it has no rights from here on. */
  end(reason: AppError): void {
    if (this.over) return;
    this.over = true;
    this.refusal = reason;
    this.current = null;
    clearTimeout(this.expiry);
    const { ws } = this;
    ws.close(SESSION_ENDED, reason.message);
    setTimeout(() => {
      if (ws.readyState !== ws.CLOSED) ws.terminate();
    }, CLOSE_WAIT_MS).unref();
  }

  /** The socket closed: forget it. */
  dispose(): void {
    this.over = true;
    clearTimeout(this.expiry);
    this.listeners.clear();
    this.registry.forget(this as SocketSession<unknown>);
  }

  private serially<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private apply(token: string, verified: SocketIdentity<I>) {
    if (this.over) return;
    const changed = JSON.stringify(verified.identity) !== JSON.stringify(this.current?.identity);
    this.token = token;
    this.current = verified;
    this.refusal = null;
    this.registry.index(this as SocketSession<unknown>, verified.keys);
    this.scheduleExpiry(verified.expiresAt);
    if (!changed) return;
    for (const listener of this.listeners) listener();
  }

  private scheduleExpiry(expiresAt: number) {
    clearTimeout(this.expiry);
    const wait = expiresAt * 1000 - Date.now();
    this.expiry = setTimeout(
      () => {
        if (this.current?.expiresAt !== expiresAt) return;
        if (expiresAt * 1000 > Date.now()) return this.scheduleExpiry(expiresAt);
        this.end(new AppError('UNAUTHORIZED', 'Token expired'));
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS),
    );
    this.expiry.unref();
  }
}

/**
 * The open sockets of one server, indexed by the identity-cache keys they depend on, so that
 * an eviction (a trigger's NOTIFY from any process, or this process's own change) re-checks
 * exactly the sockets it concerns; a new LISTEN connection re-checks all of them.
 */
export class SocketSessions {
  private readonly byKey = new Map<string, Set<SocketSession<unknown>>>();
  private readonly all = new Set<SocketSession<unknown>>();
  private unwatch: (() => void) | undefined;

  start(): void {
    this.unwatch = identityCache.watch((key) => {
      const affected = key === null ? this.all : this.byKey.get(key);
      for (const session of [...(affected ?? [])]) void session.recheck();
    });
  }

  stop(): void {
    this.unwatch?.();
  }

  /**
   * A session for a socket that just opened. Without an identity after `graceMs` it is closed,
   * so sockets that never authenticate cannot pile up.
   */
  open<I>(
    ws: SessionSocket,
    verify: VerifySocketToken<I>,
    opts: { graceMs: number; mayReplace: (current: I, next: I) => boolean },
  ): SocketSession<I> {
    const session = new SocketSession(ws, verify, this, opts.mayReplace);
    this.all.add(session as SocketSession<unknown>);
    const grace = setTimeout(() => {
      if (session.identity === null) {
        session.end(session.refusal ?? new AppError('UNAUTHORIZED', 'Authentication required'));
      }
    }, opts.graceMs);
    grace.unref();
    ws.once('close', () => {
      clearTimeout(grace);
      session.dispose();
    });
    return session;
  }

  /** How many sessions are open (for tests). */
  get size(): number {
    return this.all.size;
  }

  index(session: SocketSession<unknown>, keys: readonly string[]): void {
    this.unindex(session);
    session.indexed = keys;
    for (const key of keys) {
      const set = this.byKey.get(key) ?? new Set();
      set.add(session);
      this.byKey.set(key, set);
    }
  }

  forget(session: SocketSession<unknown>): void {
    this.all.delete(session);
    this.unindex(session);
  }

  private unindex(session: SocketSession<unknown>) {
    for (const key of session.indexed) {
      const set = this.byKey.get(key);
      set?.delete(session);
      if (set?.size === 0) this.byKey.delete(key);
    }
    session.indexed = [];
  }
}
