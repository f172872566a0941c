import {
  type AnyColumn,
  and,
  count,
  eq,
  exists,
  ilike,
  isNotNull,
  isNull,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { z } from 'zod';
import { parseVisitorSearch } from '../../../shared/contact-label';
import { CHANNELS, CONVERSATION_STATUSES, ROLE_RANK } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { contacts, contactTags, contactUserAccounts, conversations } from '../../db/schema';
import { AppError } from '../../errors';
import { likePattern, offsetOf, pageQuery, queryBool, queryInt, toPage } from '../pagination';
import { JsonText } from '../serialize';
import { assertAccess, loadConversation } from './access';
import { type ConversationSummary, conversationSummaryQuery } from './summary-query';

const SORTABLE = {
  id: conversations.id,
  created_at: conversations.createdAt,
  updated_at: conversations.updatedAt,
  last_activity_at: conversations.lastActivityAt,
} as const;

const enumQuery = <T extends string>(field: string, values: readonly T[]) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || (values as readonly string[]).includes(v), {
      message: `${field} must be one of the following values: ${values.join(', ')}`,
    })
    .transform((v) => (v ? (v as T) : undefined));

export const ConversationListQuery = z.object({
  ...pageQuery(10),
  sortBy: enumQuery('sortBy', Object.keys(SORTABLE) as (keyof typeof SORTABLE)[]),
  sortOrder: enumQuery('sortOrder', ['asc', 'desc'] as const),
  contact_id: queryInt('contact_id', 1, 2_147_483_647, 0),
  assigned_bot: queryBool('assigned_bot'),
  unassignment: queryBool('unassignment'),
  unread: queryBool('unread'),
  tag_id: queryInt('tag_id', 1, 2_147_483_647, 0),
  search: z.string().optional(),
  /** Ours (docs/api.md): narrow by status or channel; `all=true` lets supervisors see everyone's. */
  status: enumQuery('status', CONVERSATION_STATUSES),
  channel: enumQuery('channel', CHANNELS),
  all: queryBool('all'),
  /** Ours (issue 22): `true` only the snoozed ones; `false` leaves them out (the console's views). */
  snoozed: queryBool('snoozed'),
});

type ListFilters = z.output<typeof ConversationListQuery>;
const p = sql.placeholder;

/**
 * Which conversations the inbox lists: by default the caller's own; `unassignment=true` the
 * unassigned ones; `assigned_bot=true` those a bot handles; `all=true` (supervisors) every one.
 */
function scopeFilter(q: ListFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (q.unassignment) parts.push(isNull(conversations.assignedUserId));
  if (q.assigned_bot === true) parts.push(isNotNull(conversations.assignedBotId));
  if (q.assigned_bot === false) parts.push(isNull(conversations.assignedBotId));
  // `all` widens the default (mine) to everyone's; the other filters still narrow it.
  if (!q.all && !q.unassignment && q.assigned_bot !== true) {
    parts.push(eq(conversations.assignedUserId, p('me')));
  }
  return and(...parts);
}

/**
 * The console's label of an unnamed web visitor, "Visitor <contact id>" (shared/contact-label.ts),
 * is found by the number (`visitorId`, null when the term names no visitor: then it matches none).
 */
const visitorLabelMatch = () =>
  and(
    eq(contacts.id, p('visitorId')),
    sql`coalesce(${contacts.name}, '') = ''`,
    isNull(contacts.phoneNumber),
    sql`starts_with(${contacts.externalId}, 'web-')`,
  );

function searchFilter(tx: DbOrTx): SQL {
  return or(
    ilike(contacts.name, p('pattern')),
    ilike(contacts.phoneNumber, p('pattern')),
    visitorLabelMatch(),
    exists(
      tx
        .select({ one: sql`1` })
        .from(contactUserAccounts)
        .where(
          and(
            eq(contactUserAccounts.contactId, conversations.contactId),
            ilike(contactUserAccounts.usernameFinal, p('pattern')),
          ),
        ),
    ),
  )!;
}

/** A snooze is over once its time has passed: reads compare with now(), no job clears it. */
function snoozedFilter(snoozed: boolean | undefined): SQL | undefined {
  if (snoozed === undefined) return undefined;
  const asleep = sql`${conversations.snoozedUntil} > now()`;
  return snoozed ? asleep : sql`not coalesce(${asleep}, false)`;
}

/** Everything that changes the statement's text; the values are placeholders. */
const shapeOf = (q: ListFilters) =>
  [
    q.all,
    q.unassignment,
    q.assigned_bot,
    !!q.contact_id,
    q.unread !== undefined,
    !!q.tag_id,
    !!q.search,
    !!q.status,
    !!q.channel,
    q.snoozed,
    q.sortBy ?? 'last_activity_at',
    q.sortOrder ?? 'desc',
  ].join(':');

function listStatements(tx: DbOrTx, q: ListFilters) {
  const where = and(
    eq(conversations.workspaceId, p('workspaceId')),
    eq(conversations.kind, 'customer'),
    scopeFilter(q),
    q.contact_id ? eq(conversations.contactId, p('contactId')) : undefined,
    q.unread === undefined ? undefined : eq(conversations.read, p('read')),
    q.tag_id
      ? exists(
          tx
            .select({ one: sql`1` })
            .from(contactTags)
            .where(
              and(
                eq(contactTags.contactId, conversations.contactId),
                eq(contactTags.tagId, p('tagId')),
              ),
            ),
        )
      : undefined,
    q.search ? searchFilter(tx) : undefined,
    q.status ? eq(conversations.status, p('status')) : undefined,
    q.channel ? eq(conversations.channel, p('channel')) : undefined,
    snoozedFilter(q.snoozed),
  );
  const column = SORTABLE[q.sortBy ?? 'last_activity_at'];
  // The sort columns are NOT NULL; the NULLS clause only makes the order match the indexes
  // (`desc` alone means NULLS FIRST, which an index built DESC NULLS LAST cannot serve).
  const dir = (col: AnyColumn) =>
    q.sortOrder === 'asc' ? sql`${col} asc nulls first` : sql`${col} desc nulls last`;
  const order = [dir(column), dir(conversations.id)];
  // One statement: the page's ids first (an index walk that stops at the page, an InitPlan), the
  // embeds for those rows only, the total once. Joining the embeds before the limit, or counting
  // with a window, built every matching row with all its joins (issue 4, docs/performance.md).
  // The contacts join serves `search`; PostgreSQL drops it when nothing references it.
  const pageIds = tx
    .select({ id: conversations.id })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(where)
    .orderBy(...order)
    .limit(p('limit'))
    .offset(p('offset'));
  const counted = tx
    .select({ n: count() })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(where);
  const page = conversationSummaryQuery(tx, p('viewerId'), sql`(${counted})`)
    .where(sql`${conversations.id} = any(array(${pageIds}))`)
    .orderBy(...order);
  return { page, counted };
}

/**
 * A page of inbox summaries (`Page<ConversationSummary>`) as JSON text. `visitorLabels`: the
 * search also finds the console's "Visitor <n>" labels (the console's list; seed 003's search
 * stays as documented).
 */
export async function listConversations(
  actor: Actor,
  query: z.input<typeof ConversationListQuery>,
  tx: DbOrTx = db,
  options: { visitorLabels?: boolean } = {},
): Promise<JsonText> {
  const q = ConversationListQuery.parse(query);
  if (q.all && ROLE_RANK[actor.role] < ROLE_RANK.supervisor) {
    throw new AppError('FORBIDDEN', 'Only supervisors may list every conversation');
  }
  const shape = shapeOf(q);
  const values = {
    workspaceId: actor.workspaceId,
    me: actor.userId,
    viewerId: actor.userId,
    contactId: q.contact_id,
    read: q.unread === undefined ? undefined : !q.unread,
    tagId: q.tag_id,
    pattern: q.search ? likePattern(q.search) : undefined,
    visitorId: q.search && options.visitorLabels ? parseVisitorSearch(q.search) : null,
    status: q.status,
    channel: q.channel,
    limit: q.limit,
    offset: offsetOf(q.page, q.limit),
  };
  // A search term's selectivity decides the plan (docs/performance.md): planned per call.
  const generic = !q.search;
  const rows = await preparedQuery(
    tx,
    `conversations.list:${shape}`,
    (t) => listStatements(t, q).page,
    { generic },
  ).execute(values);
  let total = rows[0]?.total;
  if (total === undefined) {
    // Past the last page the total has no row to ride on.
    const counted = preparedQuery(
      tx,
      `conversations.count:${shape}`,
      (t) => listStatements(t, q).counted,
      { generic },
    );
    total = (await counted.execute(values))[0]?.n ?? 0;
  }
  // Each row is its JSON already (summary-query.ts): the page is put together as text.
  const page = toPage([], total, q.page, q.limit);
  const data = rows.map((r) => r.json).join(',');
  return new JsonText(
    `{"data":[${data}],"total":${page.total},"page":${page.page},"limit":${page.limit},"totalPages":${page.totalPages}}`,
  );
}

export async function getConversation(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<ConversationSummary> {
  const conversation = await loadConversation(actor, ref, tx);
  assertAccess(actor, conversation);
  const [row] = await conversationSummaryQuery(tx, actor.userId).where(
    eq(conversations.id, conversation.id),
  );
  return JSON.parse(row!.json) as ConversationSummary;
}
