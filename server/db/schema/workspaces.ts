import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, publicUuid, timestamps } from './columns';

/** One span of a weekday's business hours, local times `HH:MM` (close after open). */
export interface BusinessHoursSpan {
  day: number;
  open: string;
  close: string;
}

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
  /** An IANA time zone (`America/Sao_Paulo`): business hours and the flows' conditions use it. */
  timeZone: text().notNull().default('UTC'),
  /**
   * When the business answers, per weekday (0 = Sunday) in timeZone: `[{day, open: '09:00',
   * close: '18:00'}]`; a day may hold several spans; empty: always open.
   */
  businessHours: jsonb().$type<BusinessHoursSpan[]>().notNull().default([]),
  ...timestamps,
});

export type Workspace = typeof workspaces.$inferSelect;
