import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { id, publicUuid, timestamps, tstz } from './columns';
import { users } from './users';
import { workspaces } from './workspaces';

const workspaceId = () =>
  integer()
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    uuid: publicUuid(),
    workspaceId: workspaceId(),
    externalId: varchar({ length: 50 }).notNull(),
    name: varchar({ length: 150 }),
    phoneNumber: varchar({ length: 20 }),
    notes: text(),
    ...timestamps,
  },
  (t) => [
    unique('contacts_external_id_unique').on(t.workspaceId, t.externalId),
    unique('contacts_phone_number_unique').on(t.workspaceId, t.phoneNumber),
    index('contacts_workspace_idx').on(t.workspaceId, t.id),
    // Partial, case-insensitive search (ILIKE '%term%') uses trigram indexes (migration 0001).
    index('contacts_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
    index('contacts_external_id_trgm').using('gin', t.externalId.op('gin_trgm_ops')),
    index('contacts_phone_number_trgm').using('gin', t.phoneNumber.op('gin_trgm_ops')),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: id(),
    workspaceId: workspaceId(),
    name: varchar({ length: 100 }).notNull(),
    color: varchar({ length: 20 }),
    ...timestamps,
  },
  (t) => [uniqueIndex('tags_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const contactTags = pgTable(
  'contact_tags',
  {
    workspaceId: workspaceId(),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    tagId: integer()
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.tagId] }),
    index('contact_tags_tag_idx').on(t.tagId, t.contactId),
  ],
);

/** Servers, devices and applications are one shape: a named catalogue entry per workspace. */
function catalogTable(name: string) {
  return pgTable(
    name,
    {
      id: id(),
      workspaceId: workspaceId(),
      name: varchar({ length: 100 }).notNull(),
      ...timestamps,
    },
    (t) => [uniqueIndex(`${name}_name_unique`).on(t.workspaceId, sql`lower(${t.name})`)],
  );
}

export const servers = catalogTable('servers');
export const devices = catalogTable('devices');
export const applications = catalogTable('applications');

export const contactUserAccounts = pgTable(
  'contact_user_accounts',
  {
    id: id(),
    workspaceId: workspaceId(),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    usernameFinal: varchar({ length: 150 }).notNull(),
    /** AES-256-GCM ciphertext; the plaintext is never serialized. */
    passwordFinalEncrypted: text().notNull(),
    serverId: integer()
      .notNull()
      .references(() => servers.id, { onDelete: 'restrict' }),
    idLineServer: integer(),
    dateExp: tstz(),
    applicationId: integer().references(() => applications.id, { onDelete: 'restrict' }),
    deviceId: integer().references(() => devices.id, { onDelete: 'restrict' }),
    ...timestamps,
  },
  (t) => [
    index('contact_user_accounts_contact_idx').on(t.contactId),
    index('contact_user_accounts_exp_idx').on(t.workspaceId, t.dateExp),
    index('contact_user_accounts_username_idx').on(t.workspaceId, t.usernameFinal),
  ],
);

/** Audit trail of who revealed an account password, and when. */
export const accountSecretReveals = pgTable(
  'account_secret_reveals',
  {
    id: id(),
    workspaceId: workspaceId(),
    accountId: integer()
      .notNull()
      .references(() => contactUserAccounts.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index('account_secret_reveals_account_idx').on(t.accountId)],
);

export type Contact = typeof contacts.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type ContactUserAccount = typeof contactUserAccounts.$inferSelect;
export type CatalogTable = typeof servers;
export type CatalogEntry = CatalogTable['$inferSelect'];

/** One reminder per account and expiry date (the daily cron may run any number of times). */
export const accountReminders = pgTable(
  'account_reminders',
  {
    id: id(),
    workspaceId: workspaceId(),
    accountId: integer()
      .notNull()
      .references(() => contactUserAccounts.id, { onDelete: 'cascade' }),
    dateExp: tstz().notNull(),
    /** sent, or skipped with the reason (no conversation to write in, no template...). */
    outcome: varchar({ length: 40 }).notNull(),
    messageId: integer(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [unique('account_reminders_once').on(t.accountId, t.dateExp)],
);
