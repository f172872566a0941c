import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every table carries. */
export const id = () => integer().primaryKey().generatedAlwaysAsIdentity();

export const publicUuid = () => uuid().notNull().unique().default(sql`gen_random_uuid()`);

export const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

export const timestamps = {
  createdAt: tstz().notNull().defaultNow(),
  updatedAt: tstz()
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};
