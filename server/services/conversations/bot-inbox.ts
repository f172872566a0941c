import { type AnyColumn, and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { CONVERSATION_STATUSES, ROLE_RANK } from '../../../shared/enums';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import {
  type Chatbot,
  type Contact,
  type Conversation,
  type ConversationVariable,
  chatbots,
  contacts,
  conversations,
  conversationVariables,
  type Message,
  messages,
  users,
} from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { type EntityRef, parseRef } from '../ids';
import { INT4_MAX, queryInt } from '../pagination';
import { JsonText } from '../serialize';
import { agentAccessFilter, assertAccess, loadConversation } from './access';

const operator = alias(users, 'operator');
const last = alias(messages, 'last');

export const BotInboxQuery = z.object({
  status: z
    .enum(CONVERSATION_STATUSES, {
      error: `status must be one of the following values: ${CONVERSATION_STATUSES.join(', ')}`,
    })
    .default('active'),
  botId: z.string().optional(),
  operatorId: z.string().optional(),
  limit: queryInt('limit', 1, 100, 50),
  cursor: z.string().optional(),
});

/** The cursor is opaque to clients: the last row's id, base64url-encoded. */
const encodeCursor = (id: number) => Buffer.from(`c:${id}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^c:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || Number(match[1]) > INT4_MAX)
    throw new AppError('BAD_REQUEST', 'Invalid cursor', [
      { field: 'cursor', message: 'cursor is invalid' },
    ]);
  return Number(match[1]);
}

type RefKind = 'none' | 'id' | 'uuid' | 'invalid';

/** A `botId`/`operatorId` value: an id, a uuid, or something that names nothing. */
function refOf(raw: string | undefined): { kind: RefKind; value?: number | string } {
  if (raw === undefined) return { kind: 'none' };
  let ref: EntityRef;
  try {
    ref = parseRef(raw);
  } catch {
    return { kind: 'invalid' };
  }
  return 'id' in ref ? { kind: 'id', value: ref.id } : { kind: 'uuid', value: ref.uuid };
}

/**
 * `botId`/`operatorId` resolved inside the page query, so a page stays one query; one naming
 * nothing of the caller's workspace matches nothing.
 */
function refFilter(
  tx: DbOrTx,
  column: AnyColumn,
  table: typeof chatbots | typeof users,
  kind: RefKind,
  name: string,
): SQL | undefined {
  if (kind === 'none') return undefined;
  if (kind === 'invalid') return sql`false`;
  return inArray(
    column,
    tx
      .select({ id: table.id })
      .from(table)
      .where(
        and(
          kind === 'id'
            ? eq(table.id, sql.placeholder(name))
            : eq(table.uuid, sql.placeholder(name)),
          eq(table.workspaceId, sql.placeholder('workspaceId')),
        ),
      ),
  );
}

function botInboxStatement(
  tx: DbOrTx,
  row: InboxRowJson,
  shape: { supervisor: boolean; bot: RefKind; operator: RefKind; cursor: boolean },
) {
  const p = sql.placeholder;
  const item = row.build({
    conversation: conversations,
    bot: chatbots,
    contact: contacts,
    operator,
    last,
  });
  // One row more than the page: whether there is a next page.
  const page = tx
    .select({
      id: conversations.id,
      n: sql<number>`row_number() over (order by ${conversations.id} desc)`.as('n'),
      item: item.as('item'),
    })
    .from(conversations)
    .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(operator, eq(operator.id, conversations.assignedUserId))
    .leftJoin(last, eq(last.id, conversations.lastMessageId))
    .where(
      and(
        eq(conversations.workspaceId, p('workspaceId')),
        eq(conversations.kind, 'customer'),
        eq(conversations.status, p('status')),
        shape.supervisor ? undefined : agentAccessFilter(p('userId')),
        refFilter(tx, conversations.chatbotId, chatbots, shape.bot, 'botRef'),
        refFilter(tx, conversations.assignedUserId, users, shape.operator, 'operatorRef'),
        shape.cursor ? lt(conversations.id, p('cursor')) : undefined,
      ),
    )
    .orderBy(desc(conversations.id))
    .limit(p('fetch'))
    .as('page');
  const onPage = sql`${page.n} <= ${p('limit')}`;
  return tx
    .select({
      body: sql<string>`coalesce(json_agg(${page.item} order by ${page.n}) filter (where ${onPage}), '[]')::text`,
      rows: sql<number>`count(*)::int`,
      lastId: sql<number | null>`min(${page.id}) filter (where ${onPage})`,
    })
    .from(page);
}

/** The tables a list row is built from: conversation, bot, contact, operator, last message. */
export interface InboxColumns {
  conversation: typeof conversations;
  bot: typeof chatbots;
  contact: typeof contacts;
  operator: typeof operator;
  last: typeof last;
}

/** How the caller wants each row as JSON (a `json_build_object` over `InboxColumns`). */
export interface InboxRowJson {
  /** Names the prepared statement: one per row shape. */
  name: string;
  build: (columns: InboxColumns) => SQL;
}

/** A page of rows, each serialized by PostgreSQL, and the cursor of the next page. */
export interface InboxPage {
  /** A JSON array of the rows, never decoded in Node. */
  rows: JsonText;
  nextCursor: string | null;
}

/**
 * The bot inbox: newest first by id, keyset-paged. New conversations get larger ids, so they
 * never shift later pages: no repeats, no gaps. One query per page, whose result is the page's
 * rows as JSON text (Node neither decodes nor re-encodes them). Served by contracts/bot-inbox.
 */
export async function listInboxPage(
  actor: Actor,
  query: z.input<typeof BotInboxQuery>,
  row: InboxRowJson,
  tx: DbOrTx = db,
): Promise<InboxPage> {
  const q = BotInboxQuery.parse(query);
  const bot = refOf(q.botId);
  const op = refOf(q.operatorId);
  const shape = {
    supervisor: ROLE_RANK[actor.role] >= ROLE_RANK.supervisor,
    bot: bot.kind,
    operator: op.kind,
    cursor: !!q.cursor,
  };
  const key = `bot-inbox.list:${row.name}:${Object.values(shape).join(':')}`;
  const [result] = await preparedQuery(tx, key, (t) => botInboxStatement(t, row, shape)).execute({
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    status: q.status,
    botRef: bot.value,
    operatorRef: op.value,
    // An empty cursor (`cursor=`) is the first page.
    cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit,
    fetch: q.limit + 1,
  });
  const { body, rows, lastId } = result!;
  const nextCursor = rows > q.limit && lastId !== null ? encodeCursor(lastId) : null;
  return { rows: new JsonText(body), nextCursor };
}

/** One conversation with everything its detail shows. */
export interface InboxConversation {
  conversation: Conversation;
  bot: Chatbot | null;
  contact: Contact | null;
  operatorUuid: string | null;
  variables: ConversationVariable[];
  /** Oldest first. */
  messages: Message[];
}

/** The conversation with its bot, contact, operator, variables and messages. */
export async function getBotInboxConversation(
  actor: Actor,
  ref: string,
  tx: DbOrTx = db,
): Promise<InboxConversation> {
  const c = await loadConversation(actor, ref, tx);
  assertAccess(actor, c);
  const [[head], variables, msgs] = await Promise.all([
    tx
      .select({ bot: chatbots, contact: contacts, operatorUuid: operator.uuid })
      .from(conversations)
      .leftJoin(chatbots, eq(chatbots.id, conversations.chatbotId))
      .leftJoin(contacts, eq(contacts.id, conversations.contactId))
      .leftJoin(operator, eq(operator.id, conversations.assignedUserId))
      .where(eq(conversations.id, c.id)),
    tx.select().from(conversationVariables).where(eq(conversationVariables.conversationId, c.id)),
    tx.select().from(messages).where(eq(messages.conversationId, c.id)).orderBy(asc(messages.id)),
  ]);
  if (!head) throw notFound('Conversation');
  return {
    conversation: c,
    bot: head.bot,
    contact: head.contact,
    operatorUuid: head.operatorUuid,
    variables,
    messages: msgs,
  };
}
