import { pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns';

/**
 * Live graphile-worker pools (the id a pool locks its jobs and queues with), refreshed every
 * couple of seconds. A lock whose pool stopped beating belongs to a dead process and is unlocked
 * within seconds (not after graphile-worker's 4 hours); a beating pool's locks are never taken.
 */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  poolId: text().primaryKey(),
  lastSeenAt: tstz().notNull().defaultNow(),
});
