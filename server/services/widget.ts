import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { signWidgetToken } from '../auth/tokens';
import { config } from '../config';
import { db } from '../db/client';
import { chatbots } from '../db/schema';
import { AppError } from '../errors';

export const WidgetSessionInput = z.object({
  publicKey: z
    .string({ error: 'publicKey should not be empty' })
    .min(1, 'publicKey should not be empty')
    .max(200),
  externalUserId: z
    .string({ error: 'externalUserId must be a string' })
    .trim()
    .min(1, 'externalUserId should not be empty')
    .max(50, 'externalUserId must be shorter than or equal to 50 characters')
    .optional(),
});

/**
 * Exchanges a chatbot's public key for a session token scoped to one visitor. The chatbot's
 * origin allow-list (when set) must contain the page's Origin. A new visitor gets an id, which
 * the widget keeps in localStorage.
 */
export async function createWidgetSession(
  input: z.input<typeof WidgetSessionInput>,
  origin: string | undefined,
) {
  const data = WidgetSessionInput.parse(input);
  const [bot] = await db.select().from(chatbots).where(eq(chatbots.publicKey, data.publicKey));
  if (!bot) throw new AppError('UNAUTHORIZED', 'Unknown public key');
  if (bot.allowedOrigins.length > 0 && (!origin || !bot.allowedOrigins.includes(origin))) {
    throw new AppError('FORBIDDEN', 'This origin may not use this chatbot');
  }
  const externalUserId = data.externalUserId ?? `web-${randomUUID()}`;
  const token = await signWidgetToken({
    workspaceId: bot.workspaceId,
    chatbotId: bot.id,
    externalUserId,
  });
  return {
    token,
    externalUserId,
    expiresAt: new Date(Date.now() + config.WIDGET_TOKEN_TTL_SECONDS * 1000).toISOString(),
    chatbot: { id: bot.uuid, name: bot.name, greeting: bot.greeting },
  };
}
