import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { chatbots } from '../db/schema';
import { AppError } from '../errors';
import { authenticate } from './authenticate';
import { identityCache } from './identity-cache';
import type { MessagingCaller } from './messaging-caller';
import { tokenUse, verifyWidgetToken } from './tokens';

/** When a token was issued (seconds), read after its signature was verified. */
function issuedAt(token: string): number {
  const body = token.split('.')[1] ?? '';
  const { iat } = JSON.parse(Buffer.from(body, 'base64url').toString()) as { iat?: unknown };
  return typeof iat === 'number' ? iat : 0;
}

/**
 * The customer-facing endpoints (seeds 000/001 and the /messages gateway) accept an agent's
 * access token or a widget session token; a widget never holds an agent's credentials. A widget
 * token issued before its chatbot's `widgetSessionsAfter` (migration 0014, an identity-secret
 * rotation) is refused: it may name a visitor nobody proved to be.
 */
export async function authenticateMessaging(token: string): Promise<MessagingCaller> {
  if (tokenUse(token) === 'widget') {
    const claims = await verifyWidgetToken(token);
    const bot = await identityCache.get(`chatbot:${claims.chatbotId}`, async () => {
      const [row] = await db
        .select({ workspaceId: chatbots.workspaceId, sessionsAfter: chatbots.widgetSessionsAfter })
        .from(chatbots)
        .where(eq(chatbots.id, claims.chatbotId));
      return row && { workspaceId: row.workspaceId, sessionsAfter: row.sessionsAfter.getTime() };
    });
    if (!bot || bot.workspaceId !== claims.workspaceId)
      throw new AppError('UNAUTHORIZED', 'Invalid token');
    // Whole seconds, as iat is: a session opened in the same second as the cut stays valid.
    if (issuedAt(token) < Math.floor(bot.sessionsAfter / 1000))
      throw new AppError('UNAUTHORIZED', 'Widget session ended: open a new one');
    return { kind: 'widget', ...claims };
  }
  const { actor } = await authenticate(token);
  return { kind: 'agent', workspaceId: actor.workspaceId, actor };
}
