import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { type Actor, requireRole } from '../auth/actor';
import { identityCache } from '../auth/identity-cache';
import { decryptSecret, encryptSecret, randomToken } from '../auth/secrets';
import { type DbOrTx, db } from '../db/client';
import { chatbots, workspaces } from '../db/schema';

/**
 * The workspace's identity-verification secret: the embedding site signs the ids of its
 * signed-in users with it (HMAC-SHA256, hex), so a widget session can name a site's user
 * without anyone else being able to. Stored encrypted; only an admin sees it, over tRPC.
 */
async function storedSecret(workspaceId: number, tx: DbOrTx = db): Promise<string | null> {
  const [row] = await tx
    .select({ sealed: workspaces.widgetIdentitySecretEncrypted })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.sealed ? decryptSecret(row.sealed) : null;
}

/** What the site computes for its user: HMAC-SHA256 of the external id, hex. */
export const userHashOf = (secret: string, externalUserId: string) =>
  createHmac('sha256', secret).update(externalUserId, 'utf8').digest('hex');

/** Whether `userHash` is the workspace's signature of `externalUserId` (false without a secret). */
export async function isSignedIdentity(
  workspaceId: number,
  externalUserId: string,
  userHash: string,
): Promise<boolean> {
  const secret = await storedSecret(workspaceId);
  if (!secret) return false;
  const expected = Buffer.from(userHashOf(secret, externalUserId), 'hex');
  const given = Buffer.from(userHash.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function revealIdentitySecret(actor: Actor): Promise<{ secret: string | null }> {
  requireRole(actor, 'admin');
  return { secret: await storedSecret(actor.workspaceId) };
}

/**
 * A new secret replaces the old one (which stops verifying at once), and every widget session
 * of the workspace ends: one opened with a leaked secret must not outlive it. A widget that
 * holds a visitor secret opens a new session by itself; a site's user needs the new signature.
 */
export async function rotateIdentitySecret(actor: Actor): Promise<{ secret: string }> {
  requireRole(actor, 'admin');
  const secret = randomToken(32);
  const ended = await db.transaction(async (tx) => {
    await tx
      .update(workspaces)
      .set({ widgetIdentitySecretEncrypted: encryptSecret(secret) })
      .where(eq(workspaces.id, actor.workspaceId));
    return tx
      .update(chatbots)
      .set({ widgetSessionsAfter: new Date() })
      .where(eq(chatbots.workspaceId, actor.workspaceId))
      .returning({ id: chatbots.id });
  });
  // The trigger tells every process on commit; this one need not wait for its own notice.
  for (const { id } of ended) identityCache.evict(`chatbot:${id}`);
  return { secret };
}
