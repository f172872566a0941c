import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, requireRole } from '../../auth/actor';
import { encryptSecret } from '../../auth/secrets';
import { type DbOrTx, db } from '../../db/client';
import { type ChatbotTool, chatbots, chatbotTools, type SealedHeader } from '../../db/schema';
import { AppError, isUniqueViolation, notFound } from '../../errors';
import { findChatbot } from '../chatbots';
import { type EntityRef, parseRef } from '../ids';
import {
  CreateToolInput,
  type PublicTool,
  publicTool,
  UpdateToolInput,
  urlProblem,
} from './definitions';

/*
 * The custom tools of a workspace's chatbots: admins write them, everyone else reads them
 * (supervisors and agents see what the bot can do, never a header's value).
 */

const nameTaken = () =>
  new AppError('CONFLICT', 'This chatbot already has a tool with this name', [
    { field: 'name', message: 'name is taken' },
  ]);

const invalid = (field: string, message: string) =>
  new AppError('BAD_REQUEST', message, [{ field, message }]);

const refWhere = (ref: EntityRef) =>
  'id' in ref ? eq(chatbotTools.id, ref.id) : eq(chatbotTools.uuid, ref.uuid);

async function findTool(workspaceId: number, raw: string | number, tx: DbOrTx) {
  const [row] = await tx
    .select({ tool: chatbotTools, chatbotUuid: chatbots.uuid })
    .from(chatbotTools)
    .innerJoin(chatbots, eq(chatbots.id, chatbotTools.chatbotId))
    .where(and(refWhere(parseRef(raw, 'Tool')), eq(chatbotTools.workspaceId, workspaceId)));
  if (!row) throw notFound('Tool');
  return row;
}

/**
 * The headers to store: each given value sealed; a header given without a value keeps the one
 * stored under its name (the console never has it to send back). Names are case-insensitive.
 */
function sealHeaders(
  given: { name: string; value?: string }[],
  stored: readonly SealedHeader[] = [],
): SealedHeader[] {
  const seen = new Set<string>();
  return given.map((h) => {
    const key = h.name.toLowerCase();
    if (seen.has(key)) throw invalid('headers', `header ${h.name} is given twice`);
    seen.add(key);
    if (h.value !== undefined) return { name: h.name, sealed: encryptSecret(h.value) };
    const kept = stored.find((s) => s.name.toLowerCase() === key);
    if (!kept) throw invalid('headers', `header ${h.name} needs a value`);
    return { name: h.name, sealed: kept.sealed };
  });
}

async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err, 'chatbot_tools_name_unique')) throw nameTaken();
    throw err;
  }
}

export async function listTools(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
): Promise<PublicTool[]> {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  const rows = await tx
    .select()
    .from(chatbotTools)
    .where(
      and(eq(chatbotTools.chatbotId, chatbot.id), eq(chatbotTools.workspaceId, actor.workspaceId)),
    )
    .orderBy(asc(chatbotTools.name));
  return rows.map((t) => publicTool(t, chatbot.uuid));
}

export async function getTool(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  const { tool, chatbotUuid } = await findTool(actor.workspaceId, ref, tx);
  return publicTool(tool, chatbotUuid);
}

export async function createTool(
  actor: Actor,
  input: z.input<typeof CreateToolInput>,
  tx: DbOrTx = db,
): Promise<PublicTool> {
  requireRole(actor, 'admin');
  const { chatbotId, headers, ...data } = CreateToolInput.parse(input);
  const chatbot = await findChatbot(actor.workspaceId, chatbotId, tx);
  const [row] = await write(() =>
    tx
      .insert(chatbotTools)
      .values({
        ...data,
        workspaceId: actor.workspaceId,
        chatbotId: chatbot.id,
        headers: sealHeaders(headers),
      })
      .returning(),
  );
  return publicTool(row!, chatbot.uuid);
}

export async function updateTool(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof UpdateToolInput>,
  tx: DbOrTx = db,
): Promise<PublicTool> {
  requireRole(actor, 'admin');
  const { headers, ...data } = UpdateToolInput.parse(input);
  const { tool, chatbotUuid } = await findTool(actor.workspaceId, ref, tx);
  const urlTemplate = data.urlTemplate ?? tool.urlTemplate;
  const problem = urlProblem(urlTemplate, data.parameters ?? tool.parameters);
  if (problem) throw invalid('urlTemplate', problem);
  const [row] = await write(() =>
    tx
      .update(chatbotTools)
      .set({
        ...data,
        ...(headers ? { headers: sealHeaders(headers, tool.headers) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(chatbotTools.id, tool.id))
      .returning(),
  );
  return publicTool(row!, chatbotUuid);
}

export async function deleteTool(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  requireRole(actor, 'admin');
  const { tool } = await findTool(actor.workspaceId, ref, tx);
  await tx.delete(chatbotTools).where(eq(chatbotTools.id, tool.id));
}

/** A chatbot's enabled tools, with their sealed headers, for the toolbox of a turn. */
export async function enabledTools(chatbotId: number, tx: DbOrTx = db): Promise<ChatbotTool[]> {
  return tx
    .select()
    .from(chatbotTools)
    .where(and(eq(chatbotTools.chatbotId, chatbotId), eq(chatbotTools.enabled, true)))
    .orderBy(asc(chatbotTools.name));
}
