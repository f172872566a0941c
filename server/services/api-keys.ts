import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requireRole } from '../auth/actor';
import { randomToken, sha256 } from '../auth/secrets';
import { type DbOrTx, db } from '../db/client';
import { apiKeys, chatbots } from '../db/schema';
import { AppError, notFound } from '../errors';

export const CreateApiKeyInput = z.object({ name: z.string().trim().min(1).max(100) });

function publicApiKey(k: typeof apiKeys.$inferSelect) {
  return {
    id: k.id,
    uuid: k.uuid,
    name: k.name,
    keyPrefix: k.keyPrefix,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdAt: k.createdAt.toISOString(),
  };
}

/** The key itself is shown once, at creation; only its sha256 is stored. */
export async function createApiKey(actor: Actor, input: z.input<typeof CreateApiKeyInput>) {
  requireRole(actor, 'admin');
  const { name } = CreateApiKeyInput.parse(input);
  const key = `ak_${randomToken(24)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      workspaceId: actor.workspaceId,
      name,
      keyPrefix: key.slice(0, 10),
      keyHash: sha256(key),
    })
    .returning();
  return { ...publicApiKey(row!), key };
}

export async function listApiKeys(actor: Actor) {
  requireRole(actor, 'admin');
  const rows = await db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, actor.workspaceId))
    .orderBy(asc(apiKeys.id));
  return rows.map(publicApiKey);
}

export async function revokeApiKey(actor: Actor, id: number) {
  requireRole(actor, 'admin');
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, actor.workspaceId)))
    .returning();
  if (!row) throw notFound('API key');
  return publicApiKey(row);
}

/**
 * Direct chat's X-PUBLIC-KEY (contracts/direct-chat): the calling platform, either a chatbot's
 * public key or an API key, and in either case one of the caller's own workspace.
 */
export async function verifyPublicKey(
  workspaceId: number,
  key: string | undefined,
  tx: DbOrTx = db,
) {
  const refuse = () => new AppError('UNAUTHORIZED', 'Invalid public key');
  if (!key) throw refuse();
  const [bot] = await tx
    .select({ id: chatbots.id })
    .from(chatbots)
    .where(and(eq(chatbots.publicKey, key), eq(chatbots.workspaceId, workspaceId)));
  if (bot) return;
  const [apiKey] = await tx
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiKeys.keyHash, sha256(key)),
        eq(apiKeys.workspaceId, workspaceId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id });
  if (!apiKey) throw refuse();
}
