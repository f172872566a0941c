import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, publicUuid, timestamps } from './columns';

export const workspaces = pgTable('workspaces', {
  id: id(),
  uuid: publicUuid(),
  name: text().notNull(),
  /** Conversations idle longer than this are ended by the idle cron. */
  idleTimeoutMinutes: integer().notNull().default(1440),
  /**
   * AES-256-GCM ciphertext of the secret the embedding site signs its users' ids with
   * (widget identity verification); null until an admin creates one. Never serialized.
   */
  widgetIdentitySecretEncrypted: text(),
  ...timestamps,
});

export type Workspace = typeof workspaces.$inferSelect;
