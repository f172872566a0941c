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
import { CHANNELS, CONVERSATION_STATUSES, ROLE_RANK } from '../../../shared/enums';
import { type DbOrTx, db } from '../../db/client';
import { contacts, contactTags, contactUserAccounts, conversations } from '../../db/schema';
import { AppError } from '../../errors';
import type { Actor } from '../actor';
import {
  likePattern,
  offsetOf,
  type Page,
  pageQuery,
  queryBool,
  queryInt,
  toPage,
} from '../pagination';
import { assertAccess, loadConversation } from './access';
import { richConversationQuery, type Seed003Conversation, seed003Conversation } from './rich-query';

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
});

/**
 * Seed 003's access rules: by default the caller's own conversations; `unassignment=true` the
 * unassigned ones; `assigned_bot=true` those a bot handles; `all=true` (supervisors) every one.
 */
function scopeFilter(actor: Actor, q: z.output<typeof ConversationListQuery>): SQL | undefined {
  if (q.all && ROLE_RANK[actor.role] < ROLE_RANK.supervisor) {
    throw new AppError('FORBIDDEN', 'Only supervisors may list every conversation');
  }
  const parts: (SQL | undefined)[] = [];
  if (q.unassignment) parts.push(isNull(conversations.assignedUserId));
  if (q.assigned_bot === true) parts.push(isNotNull(conversations.assignedBotId));
  if (q.assigned_bot === false) parts.push(isNull(conversations.assignedBotId));
  // `all` widens the default (mine) to everyone's; the other filters still narrow it.
  if (!q.all && !q.unassignment && q.assigned_bot !== true) {
    parts.push(eq(conversations.assignedUserId, actor.userId));
  }
  return and(...parts);
}

function searchFilter(term: string): SQL {
  const pattern = likePattern(term);
  return or(
    ilike(contacts.name, pattern),
    ilike(contacts.phoneNumber, pattern),
    exists(
      db
        .select({ one: sql`1` })
        .from(contactUserAccounts)
        .where(
          and(
            eq(contactUserAccounts.contactId, conversations.contactId),
            ilike(contactUserAccounts.usernameFinal, pattern),
          ),
        ),
    ),
  )!;
}

export async function listConversations(
  actor: Actor,
  query: z.input<typeof ConversationListQuery>,
  tx: DbOrTx = db,
): Promise<Page<Seed003Conversation>> {
  const q = ConversationListQuery.parse(query);
  const where = and(
    eq(conversations.workspaceId, actor.workspaceId),
    eq(conversations.kind, 'customer'),
    scopeFilter(actor, q),
    q.contact_id ? eq(conversations.contactId, q.contact_id) : undefined,
    q.unread === undefined ? undefined : eq(conversations.read, !q.unread),
    q.tag_id
      ? exists(
          tx
            .select({ one: sql`1` })
            .from(contactTags)
            .where(
              and(
                eq(contactTags.contactId, conversations.contactId),
                eq(contactTags.tagId, q.tag_id),
              ),
            ),
        )
      : undefined,
    q.search ? searchFilter(q.search) : undefined,
    q.status ? eq(conversations.status, q.status) : undefined,
    q.channel ? eq(conversations.channel, q.channel) : undefined,
  );
  const column = SORTABLE[q.sortBy ?? 'last_activity_at'];
  // The sort columns are NOT NULL; the NULLS clause only makes the order match the indexes
  // (`desc` alone means NULLS FIRST, which an index built DESC NULLS LAST cannot serve).
  const dir = (col: AnyColumn) =>
    q.sortOrder === 'asc' ? sql`${col} asc nulls first` : sql`${col} desc nulls last`;
  const order = [dir(column), dir(conversations.id)];
  // One statement: the page's ids first (an index walk that stops at the page, an InitPlan), the
  // embeds for those rows only, the total once. Joining the embeds before the limit, or counting
  // with a window, built every matching row with all its joins (issue 4, docs/benchmarks.md).
  // The contacts join serves `search`; PostgreSQL drops it when nothing references it.
  const pageIds = tx
    .select({ id: conversations.id })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(where)
    .orderBy(...order)
    .limit(q.limit)
    .offset(offsetOf(q.page, q.limit));
  const counted = tx
    .select({ n: count() })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(where);
  const rows = await richConversationQuery(tx, actor.userId, sql`(${counted})`)
    .where(sql`${conversations.id} = any(array(${pageIds}))`)
    .orderBy(...order);
  let total = rows[0]?.total;
  if (total === undefined) {
    // Past the last page the total has no row to ride on.
    total = (await counted)[0]?.n ?? 0;
  }
  return toPage(rows.map(seed003Conversation), total, q.page, q.limit);
}

export async function getConversation(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  const conversation = await loadConversation(actor, ref, tx);
  assertAccess(actor, conversation);
  const [row] = await richConversationQuery(tx, actor.userId).where(
    eq(conversations.id, conversation.id),
  );
  return seed003Conversation(row!);
}
