import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type BotTestCase, botTestCases, botTestSettings, chatbots } from '../../db/schema';
import { notFound } from '../../errors';
import { findChatbot } from '../chatbots';
import { type EntityRef, parseRef } from '../ids';
import { CreateCaseInput, UpdateCaseInput } from './definitions';

/*
 * A chatbot's test cases and its suite's settings. Everyone in the workspace reads them;
 * admins write them, as they write the chatbot (a case made from a conversation: see
 * from-conversation.ts, which supervisors may do too).
 */

export async function listCases(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
): Promise<BotTestCase[]> {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  return casesOf(chatbot.id, actor.workspaceId, undefined, tx);
}

/** A chatbot's cases, all or those `refs` name (another chatbot's are not among them). */
export async function casesOf(
  chatbotId: number,
  workspaceId: number,
  refs: EntityRef[] | undefined,
  tx: DbOrTx,
): Promise<BotTestCase[]> {
  const ids = refs?.flatMap((r) => ('id' in r ? [r.id] : []));
  const uuids = refs?.flatMap((r) => ('uuid' in r ? [r.uuid] : []));
  return tx
    .select()
    .from(botTestCases)
    .where(
      and(
        eq(botTestCases.chatbotId, chatbotId),
        eq(botTestCases.workspaceId, workspaceId),
        refs
          ? or(
              ids!.length ? inArray(botTestCases.id, ids!) : undefined,
              uuids!.length ? inArray(botTestCases.uuid, uuids!) : undefined,
              sql`false`,
            )
          : undefined,
      ),
    )
    .orderBy(asc(botTestCases.id));
}

export async function getCase(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<BotTestCase> {
  const parsed = parseRef(ref, 'Test case');
  const [row] = await tx
    .select()
    .from(botTestCases)
    .where(
      and(
        'id' in parsed ? eq(botTestCases.id, parsed.id) : eq(botTestCases.uuid, parsed.uuid),
        eq(botTestCases.workspaceId, actor.workspaceId),
      ),
    );
  if (!row) throw notFound('Test case');
  return row;
}

/** Inserts a case; the role is the caller's to check (admins, or fromConversation's). */
export async function insertCase(
  actor: Actor,
  chatbotId: number,
  input: CreateCaseInput,
  tx: DbOrTx,
): Promise<BotTestCase> {
  const { name, script, expectations, allowHttp } = CreateCaseInput.parse(input);
  const [row] = await tx
    .insert(botTestCases)
    .values({ workspaceId: actor.workspaceId, chatbotId, name, script, expectations, allowHttp })
    .returning();
  return row!;
}

export async function createCase(
  actor: Actor,
  chatbotRef: string | number,
  input: CreateCaseInput,
  tx: DbOrTx = db,
): Promise<BotTestCase> {
  requireRole(actor, 'admin');
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  return insertCase(actor, chatbot.id, input, tx);
}

export async function updateCase(
  actor: Actor,
  ref: string | number,
  patch: UpdateCaseInput,
  tx: DbOrTx = db,
): Promise<BotTestCase> {
  requireRole(actor, 'admin');
  const changes = UpdateCaseInput.parse(patch);
  const existing = await getCase(actor, ref, tx);
  const [row] = await tx
    .update(botTestCases)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(botTestCases.id, existing.id))
    .returning();
  return row!;
}

export async function deleteCase(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  requireRole(actor, 'admin');
  const existing = await getCase(actor, ref, tx);
  await tx.delete(botTestCases).where(eq(botTestCases.id, existing.id));
}

export interface SuiteSettings {
  requireTestsToPublish: boolean;
}

/** The suite's settings by chatbot id (no row: the defaults). */
export async function settingsOf(chatbotId: number, tx: DbOrTx): Promise<SuiteSettings> {
  const [row] = await tx
    .select({ requireTestsToPublish: botTestSettings.requireTestsToPublish })
    .from(botTestSettings)
    .where(eq(botTestSettings.chatbotId, chatbotId));
  return { requireTestsToPublish: row?.requireTestsToPublish ?? false };
}

export async function getSettings(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
): Promise<SuiteSettings> {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  return settingsOf(chatbot.id, tx);
}

export async function updateSettings(
  actor: Actor,
  chatbotRef: string | number,
  settings: SuiteSettings,
  tx: DbOrTx = db,
): Promise<SuiteSettings> {
  requireRole(actor, 'admin');
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  await tx
    .insert(botTestSettings)
    .values({ workspaceId: actor.workspaceId, chatbotId: chatbot.id, ...settings })
    .onConflictDoUpdate({
      target: botTestSettings.chatbotId,
      set: { requireTestsToPublish: settings.requireTestsToPublish, updatedAt: new Date() },
    });
  return settingsOf(chatbot.id, tx);
}

/** The chatbot of a workspace by its integer id (the CLI and the publish gate name it so). */
export async function chatbotById(workspaceId: number, chatbotId: number, tx: DbOrTx) {
  const [row] = await tx
    .select()
    .from(chatbots)
    .where(and(eq(chatbots.id, chatbotId), eq(chatbots.workspaceId, workspaceId)));
  if (!row) throw notFound('Chatbot');
  return row;
}
