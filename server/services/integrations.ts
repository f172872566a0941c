import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { CHANNELS } from '../../shared/enums';
import { type Actor, requireRole } from '../auth/actor';
import { encryptSecret } from '../auth/secrets';
import { type DbOrTx, db } from '../db/client';
import { chatbots, type Integration, integrations } from '../db/schema';
import { notFound } from '../errors';
import { findChatbot } from './chatbots';
import { parseRef } from './ids';

const fields = {
  channel: z.enum(CHANNELS),
  name: z.string().trim().min(1).max(100),
  phoneNumber: z.string().trim().max(30).nullable(),
  /** A chatbot id (integer) or uuid. */
  defaultChatbotId: z.union([z.string(), z.number().int()]).nullable(),
  config: z.record(z.string(), z.unknown()),
  /** Write-only: stored encrypted, never returned. */
  credentials: z.record(z.string(), z.string().max(4000)).nullable(),
  enabled: z.boolean(),
};

export const CreateIntegrationInput = z.object({
  ...fields,
  phoneNumber: fields.phoneNumber.optional(),
  defaultChatbotId: fields.defaultChatbotId.optional(),
  config: fields.config.optional(),
  credentials: fields.credentials.optional(),
  enabled: fields.enabled.optional(),
});
export const UpdateIntegrationInput = z.object(fields).omit({ channel: true }).partial();

export function publicIntegration(i: Integration, defaultChatbotUuid: string | null) {
  return {
    id: i.id,
    uuid: i.uuid,
    channel: i.channel,
    name: i.name,
    phoneNumber: i.phoneNumber,
    defaultChatbotId: defaultChatbotUuid,
    config: i.config,
    hasCredentials: i.credentialsEncrypted !== null,
    enabled: i.enabled,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

async function loadPublic(workspaceId: number, id: number, tx: DbOrTx) {
  const [row] = await tx
    .select({ integration: integrations, chatbotUuid: chatbots.uuid })
    .from(integrations)
    .leftJoin(chatbots, eq(chatbots.id, integrations.defaultChatbotId))
    .where(and(eq(integrations.id, id), eq(integrations.workspaceId, workspaceId)));
  if (!row) throw notFound('Integration');
  return publicIntegration(row.integration, row.chatbotUuid);
}

async function resolveIntegration(workspaceId: number, raw: string | number, tx: DbOrTx) {
  const ref = parseRef(raw, 'Integration');
  const [row] = await tx
    .select({ id: integrations.id })
    .from(integrations)
    .where(
      and(
        'id' in ref ? eq(integrations.id, ref.id) : eq(integrations.uuid, ref.uuid),
        eq(integrations.workspaceId, workspaceId),
      ),
    );
  if (!row) throw notFound('Integration');
  return row.id;
}

async function chatbotColumn(
  workspaceId: number,
  raw: string | number | null | undefined,
  tx: DbOrTx,
) {
  if (raw === undefined) return {};
  return { defaultChatbotId: raw === null ? null : (await findChatbot(workspaceId, raw, tx)).id };
}

function credentialsColumn(credentials: Record<string, string> | null | undefined) {
  if (credentials === undefined) return {};
  return {
    credentialsEncrypted: credentials === null ? null : encryptSecret(JSON.stringify(credentials)),
  };
}

export async function listIntegrations(actor: Actor, tx: DbOrTx = db) {
  const rows = await tx
    .select({ integration: integrations, chatbotUuid: chatbots.uuid })
    .from(integrations)
    .leftJoin(chatbots, eq(chatbots.id, integrations.defaultChatbotId))
    .where(eq(integrations.workspaceId, actor.workspaceId))
    .orderBy(asc(integrations.id));
  return rows.map((r) => publicIntegration(r.integration, r.chatbotUuid));
}

export async function getIntegration(actor: Actor, raw: string | number, tx: DbOrTx = db) {
  return loadPublic(actor.workspaceId, await resolveIntegration(actor.workspaceId, raw, tx), tx);
}

export async function createIntegration(
  actor: Actor,
  input: z.input<typeof CreateIntegrationInput>,
  tx: DbOrTx = db,
) {
  requireRole(actor, 'admin');
  const { credentials, defaultChatbotId, ...data } = CreateIntegrationInput.parse(input);
  const [row] = await tx
    .insert(integrations)
    .values({
      ...data,
      workspaceId: actor.workspaceId,
      ...(await chatbotColumn(actor.workspaceId, defaultChatbotId, tx)),
      ...credentialsColumn(credentials),
    })
    .returning({ id: integrations.id });
  return loadPublic(actor.workspaceId, row!.id, tx);
}

export async function updateIntegration(
  actor: Actor,
  raw: string | number,
  input: z.input<typeof UpdateIntegrationInput>,
  tx: DbOrTx = db,
) {
  requireRole(actor, 'admin');
  const id = await resolveIntegration(actor.workspaceId, raw, tx);
  const { credentials, defaultChatbotId, ...data } = UpdateIntegrationInput.parse(input);
  await tx
    .update(integrations)
    .set({
      ...data,
      ...(await chatbotColumn(actor.workspaceId, defaultChatbotId, tx)),
      ...credentialsColumn(credentials),
      updatedAt: new Date(),
    })
    .where(eq(integrations.id, id));
  return loadPublic(actor.workspaceId, id, tx);
}

export async function deleteIntegration(actor: Actor, raw: string | number, tx: DbOrTx = db) {
  requireRole(actor, 'admin');
  const id = await resolveIntegration(actor.workspaceId, raw, tx);
  await tx.delete(integrations).where(eq(integrations.id, id));
}
