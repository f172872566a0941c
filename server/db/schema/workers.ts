import { pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns';

/**
 * Live graphile-worker ids, refreshed every few seconds. A job or queue locked by an id that
 * stopped beating belongs to a dead process and is unlocked at once (not after hours).
 */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text().primaryKey(),
  lastSeenAt: tstz().notNull().defaultNow(),
});
