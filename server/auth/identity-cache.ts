import type postgres from 'postgres';
import { logger } from '../logger';

/**
 * The channel the triggers notify with `user:<id>`, `chatbot:<id>` (migration 0008) or
 * `session:<family id>` (a login's refresh tokens revoked, migration 0015).
 */
export const AUTH_INVALIDATE_CHANNEL = 'auth_invalidate';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  value: unknown;
  expires: number;
}

/**
 * Caches what authentication reads on every request (a token's user: id, workspace, role; a
 * widget token's chatbot) for a few seconds, so a request does not pay a database round trip
 * for it. A change that could revoke or narrow access (role, workspace, deletion) is announced
 * by a trigger on commit and evicts the entry in every process at once; the TTL bounds what a
 * process could miss while its LISTEN connection is down, and re-listening clears everything.
 * Until `start` has a LISTEN connection, nothing is cached.
 */
export class IdentityCache {
  private entries = new Map<string, Entry>();
  /** Bumped by every eviction, so a read that raced an eviction is not stored. */
  private generation = 0;
  private listening = false;
  private stopped = false;
  private handle: { unlisten(): Promise<void> } | undefined;
  private watchers = new Set<(key: string | null) => void>();

  async start(client: postgres.Sql): Promise<void> {
    this.stopped = false;
    this.handle = await client.listen(
      AUTH_INVALIDATE_CHANNEL,
      (key) => this.evict(key),
      () => {
        // First listen, or again after a reconnect: anything may have changed meanwhile. (After
        // a reconnect postgres.js listens anew, which the handle cannot undo: hence `stopped`.)
        this.clear();
        this.listening = !this.stopped;
        if (this.listening) this.announce(null);
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    this.clear();
    await this.handle?.unlisten().catch((err) => logger.warn({ err }, 'unlisten failed'));
    this.handle = undefined;
  }

  async get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.listening) return load();
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as T;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && generation === this.generation && this.listening) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, expires: now + TTL_MS });
    }
    return value;
  }

  /**
   * Also called by the services that change a role or delete a user or chatbot, so the process
   * that made the change does not wait for its own notification.
   */
  evict(key: string): void {
    this.generation++;
    this.entries.delete(key);
    this.announce(key);
  }

  /**
   * Calls `watcher` with every evicted key, and with null when anything may have changed (a
   * new LISTEN connection): open sockets re-check who they are on either.
   */
  watch(watcher: (key: string | null) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private announce(key: string | null) {
    for (const watcher of this.watchers) {
      try {
        watcher(key);
      } catch (err) {
        logger.error({ err, key }, 'identity watcher failed');
      }
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

export const identityCache = new IdentityCache();
