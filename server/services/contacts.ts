import { and, asc, count, eq, exists, ilike, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { type DbOrTx, db, planEachCall } from '../db/client';
import { type Contact, contacts, contactTags, conversations, type Tag, tags } from '../db/schema';
import { AppError, isForeignKeyViolation, isUniqueViolation, notFound } from '../errors';
import {
  INT4_MAX,
  likePattern,
  offsetOf,
  type Page,
  pageQuery,
  queryBool,
  toPage,
} from './pagination';
import { findTag, resolveTagIds } from './tags';

const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(max, `${field} must be shorter than or equal to ${max} characters`)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

const externalId = z
  .string({
    error: (i) =>
      i.input == null ? 'external_id should not be empty' : 'external_id must be a string',
  })
  .trim()
  .min(1, 'external_id should not be empty')
  .max(50, 'external_id must be shorter than or equal to 50 characters');

const tagIdList = z.array(
  z
    .number({ error: 'each value in tag_ids must be an integer number' })
    .int('each value in tag_ids must be an integer number')
    .positive('each value in tag_ids must be a positive number')
    .max(INT4_MAX, `each value in tag_ids must not be greater than ${INT4_MAX}`),
  {
    error: 'tag_ids must be an array',
  },
);

export const CreateContactInput = z.object({
  external_id: externalId,
  name: optionalText('name', 150),
  phone_number: optionalText('phone_number', 20),
  notes: z.string({ error: 'notes must be a string' }).nullable().optional(),
  tag_ids: tagIdList.optional(),
});

export const UpdateContactInput = z.object({
  external_id: externalId.optional(),
  name: optionalText('name', 150),
  phone_number: optionalText('phone_number', 20),
  notes: z.string({ error: 'notes must be a string' }).nullable().optional(),
});

export const TagIdsInput = z.object({ tag_ids: tagIdList.min(1, 'tag_ids should not be empty') });

/** `tag_ids=1,2`, `tag_ids=1&tag_ids=2` or an array: contacts having ANY of the tags. */
const queryIdList = z
  .union([z.string(), z.array(z.string()), z.array(z.number())])
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    const parts = (Array.isArray(raw) ? raw : [raw])
      .flatMap((v) => String(v).split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (parts.some((p) => !/^\d{1,10}$/.test(p) || Number(p) > INT4_MAX)) {
      ctx.addIssue({ code: 'custom', message: 'each value in tag_ids must be an integer number' });
      return z.NEVER;
    }
    return parts.length ? parts.map(Number) : undefined;
  });

export const ContactListQuery = z.object({
  name: z.string().optional(),
  external_id: z.string().optional(),
  phone_number: z.string().optional(),
  include_tags: queryBool('include_tags'),
  tag_ids: queryIdList,
  ...pageQuery(10),
});

/** A contact and its tags, ordered by tag id. */
export type ContactWithTags = Contact & { tags: Tag[] };

function uniqueConflict(err: unknown): never {
  if (isUniqueViolation(err, 'contacts_external_id_unique')) {
    throw new AppError('CONFLICT', 'External ID already exists');
  }
  if (isUniqueViolation(err, 'contacts_phone_number_unique')) {
    throw new AppError('CONFLICT', 'Phone number already exists');
  }
  throw err;
}

/** Tags of many contacts in one query, ordered by tag id. */
export async function tagsByContact(ids: number[], tx: DbOrTx = db): Promise<Map<number, Tag[]>> {
  const map = new Map<number, Tag[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return map;
  const rows = await tx
    .select({ contactId: contactTags.contactId, tag: tags })
    .from(contactTags)
    .innerJoin(tags, eq(tags.id, contactTags.tagId))
    .where(inArray(contactTags.contactId, ids))
    .orderBy(asc(tags.id));
  for (const r of rows) map.get(r.contactId)?.push(r.tag);
  return map;
}

export async function findContact(actor: Actor, id: number, tx: DbOrTx = db) {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.workspaceId, actor.workspaceId)));
  if (!row) throw notFound('Contact');
  return row;
}

async function withTags(row: Contact, tx: DbOrTx): Promise<ContactWithTags> {
  const map = await tagsByContact([row.id], tx);
  return { ...row, tags: map.get(row.id) ?? [] };
}

export async function listContacts(
  actor: Actor,
  query: z.input<typeof ContactListQuery>,
  tx: DbOrTx = db,
): Promise<Page<Contact | ContactWithTags>> {
  const q = ContactListQuery.parse(query);
  // A search's plan depends on its term (docs/performance.md, contacts): planned per call.
  if (q.name || q.external_id || q.phone_number) tx = planEachCall(tx);
  const where = and(
    eq(contacts.workspaceId, actor.workspaceId),
    q.name ? ilike(contacts.name, likePattern(q.name)) : undefined,
    q.external_id ? ilike(contacts.externalId, likePattern(q.external_id)) : undefined,
    q.phone_number ? ilike(contacts.phoneNumber, likePattern(q.phone_number)) : undefined,
    q.tag_ids
      ? exists(
          tx
            .select({ one: sql`1` })
            .from(contactTags)
            .where(
              and(eq(contactTags.contactId, contacts.id), inArray(contactTags.tagId, q.tag_ids)),
            ),
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(contacts)
      .where(where)
      .orderBy(asc(contacts.id))
      .limit(q.limit)
      .offset(offsetOf(q.page, q.limit)),
    tx.select({ n: count() }).from(contacts).where(where),
  ]);
  let data: (Contact | ContactWithTags)[] = rows;
  if (q.include_tags) {
    const map = await tagsByContact(
      rows.map((r) => r.id),
      tx,
    );
    data = rows.map((r) => ({ ...r, tags: map.get(r.id) ?? [] }));
  }
  return toPage(data, total?.n ?? 0, q.page, q.limit);
}

export async function getContact(actor: Actor, id: number, tx: DbOrTx = db) {
  return withTags(await findContact(actor, id, tx), tx);
}

export async function getContactByExternalId(actor: Actor, externalId: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.externalId, externalId), eq(contacts.workspaceId, actor.workspaceId)));
  if (!row) throw notFound('Contact');
  return row;
}

export async function createContact(actor: Actor, input: z.input<typeof CreateContactInput>) {
  const { tag_ids, ...data } = CreateContactInput.parse(input);
  return db.transaction(async (tx) => {
    const tagIds = await resolveTagIds(actor, tag_ids ?? [], tx);
    const [row] = await tx
      .insert(contacts)
      .values({
        workspaceId: actor.workspaceId,
        externalId: data.external_id,
        name: data.name ?? null,
        phoneNumber: data.phone_number ?? null,
        notes: data.notes ?? null,
      })
      .returning()
      .catch(uniqueConflict);
    if (tagIds.length) {
      await tx
        .insert(contactTags)
        .values(
          tagIds.map((tagId) => ({ workspaceId: actor.workspaceId, contactId: row!.id, tagId })),
        );
    }
    return withTags(row!, tx);
  });
}

export async function updateContact(
  actor: Actor,
  id: number,
  input: z.input<typeof UpdateContactInput>,
  tx: DbOrTx = db,
) {
  const patch = UpdateContactInput.parse(input);
  const existing = await findContact(actor, id, tx);
  const values = {
    ...(patch.external_id !== undefined ? { externalId: patch.external_id } : {}),
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.phone_number !== undefined ? { phoneNumber: patch.phone_number } : {}),
    ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
  };
  if (Object.keys(values).length === 0) return existing;
  const [row] = await tx
    .update(contacts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(contacts.id, existing.id))
    .returning()
    .catch(uniqueConflict);
  return row!;
}

/**
 * A contact with conversations is kept (409): deleting it would erase support history. Delete
 * the conversations first (DELETE /conversations/:id) to erase a customer completely.
 */
export async function deleteContact(actor: Actor, id: number, tx: DbOrTx = db) {
  const existing = await findContact(actor, id, tx);
  const [used] = await tx
    .select({ n: count() })
    .from(conversations)
    .where(eq(conversations.contactId, existing.id));
  const inUse = (n: number | string) =>
    new AppError('CONFLICT', `Contact has ${n} conversation(s); delete them first`);
  if ((used?.n ?? 0) > 0) throw inUse(used!.n);
  try {
    await tx.delete(contacts).where(eq(contacts.id, existing.id));
  } catch (err) {
    // A conversation started after the count: conversations.contact_id is `restrict`.
    if (isForeignKeyViolation(err)) throw inUse('some');
    throw err;
  }
}

export async function addContactTags(actor: Actor, id: number, input: z.input<typeof TagIdsInput>) {
  const { tag_ids } = TagIdsInput.parse(input);
  return db.transaction(async (tx) => {
    const contact = await findContact(actor, id, tx);
    const ids = await resolveTagIds(actor, tag_ids, tx);
    await tx
      .insert(contactTags)
      .values(
        ids.map((tagId) => ({ workspaceId: actor.workspaceId, contactId: contact.id, tagId })),
      )
      .onConflictDoNothing();
    const [row] = await tx
      .update(contacts)
      .set({ updatedAt: new Date() })
      .where(eq(contacts.id, contact.id))
      .returning();
    return withTags(row!, tx);
  });
}

/**
 * Removes the given tags; ids the contact does not carry are ignored (the CRM API), another
 * workspace's tags among them, so such an id is answered as an id of no tag is.
 */
export async function removeContactTags(
  actor: Actor,
  id: number,
  input: z.input<typeof TagIdsInput>,
) {
  const { tag_ids } = TagIdsInput.parse(input);
  return db.transaction(async (tx) => {
    const contact = await findContact(actor, id, tx);
    await tx
      .delete(contactTags)
      .where(and(eq(contactTags.contactId, contact.id), inArray(contactTags.tagId, tag_ids)));
    const [row] = await tx
      .update(contacts)
      .set({ updatedAt: new Date() })
      .where(eq(contacts.id, contact.id))
      .returning();
    return withTags(row!, tx);
  });
}

export async function listContactTags(actor: Actor, id: number, tx: DbOrTx = db) {
  const contact = await findContact(actor, id, tx);
  return (await tagsByContact([contact.id], tx)).get(contact.id) ?? [];
}

export async function contactsByTag(actor: Actor, tagId: number, tx: DbOrTx = db) {
  const tag = await findTag(actor, tagId, tx);
  const rows = await tx
    .select({ contact: contacts })
    .from(contactTags)
    .innerJoin(contacts, eq(contacts.id, contactTags.contactId))
    .where(eq(contactTags.tagId, tag.id))
    .orderBy(asc(contacts.id));
  return rows.map((r) => r.contact);
}
