import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Locale } from '../../../shared/i18n/locales';
import { id, publicUuid, timestamps, tstz } from './columns';
import { availabilityEnum, roleEnum } from './enums';
import { workspaces } from './workspaces';

export const users = pgTable(
  'users',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    role: roleEnum().notNull().default('agent'),
    availability: availabilityEnum().notNull().default('offline'),
    /** Maximum open conversations; null = unlimited. */
    capacity: integer(),
    lastSeenAt: tstz(),
    /** The console's language chosen by the user; null follows the browser. */
    locale: text().$type<Locale>(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_workspace_idx').on(t.workspaceId, t.id),
    check('users_locale_check', sql`${t.locale} in ('en', 'pt-BR', 'es')`),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** sha256 of the token; the token itself is never stored. */
    tokenHash: text().notNull().unique(),
    /** Every rotation of one login shares a family; reuse of a spent token revokes the family. */
    familyId: uuid().notNull(),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    revokedAt: tstz(),
    ...timestamps,
  },
  (t) => [
    index('refresh_tokens_family_idx').on(t.familyId),
    // A password change revokes every live login of the user.
    index('refresh_tokens_user_live_idx').on(t.userId).where(sql`${t.revokedAt} is null`),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: integer()
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** First characters of the key, shown in the console to tell keys apart. */
    keyPrefix: text().notNull(),
    keyHash: text().notNull().unique(),
    lastUsedAt: tstz(),
    revokedAt: tstz(),
    ...timestamps,
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId)],
);

/** Failed logins, counted per email and IP over a sliding minute. */
export const authFailures = pgTable(
  'auth_failures',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index('auth_failures_key_idx').on(t.key, t.createdAt)],
);

export type User = typeof users.$inferSelect;
