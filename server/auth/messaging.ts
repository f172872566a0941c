import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { chatbots } from '../db/schema';
import { AppError } from '../errors';
import type { MessagingCaller } from '../services/messages/caller';
import { authenticate } from './authenticate';
import { identityCache } from './identity-cache';
import { tokenUse, verifyWidgetToken } from './tokens';

/**
 * The customer-facing endpoints (seeds 000/001 and the /messages gateway) accept an agent's
 * access token or a widget session token; a widget never holds an agent's credentials.
 */
export async function authenticateMessaging(token: string): Promise<MessagingCaller> {
  if (tokenUse(token) === 'widget') {
    const claims = await verifyWidgetToken(token);
    const bot = await identityCache.get(`chatbot:${claims.chatbotId}`, async () => {
      const [row] = await db
        .select({ workspaceId: chatbots.workspaceId })
        .from(chatbots)
        .where(eq(chatbots.id, claims.chatbotId));
      return row;
    });
    if (!bot || bot.workspaceId !== claims.workspaceId)
      throw new AppError('UNAUTHORIZED', 'Invalid token');
    return { kind: 'widget', ...claims };
  }
  const { actor } = await authenticate(token);
  return { kind: 'agent', workspaceId: actor.workspaceId, actor };
}
