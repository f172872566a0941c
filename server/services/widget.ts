import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { randomToken, sha256 } from '../auth/secrets';
import { signWidgetToken } from '../auth/tokens';
import { config } from '../config';
import { db } from '../db/client';
import { type Chatbot, chatbots, widgetVisitors } from '../db/schema';
import { AppError } from '../errors';
import { isSignedIdentity } from './widget-identity';

export const WidgetSessionInput = z
  .object({
    publicKey: z
      .string({ error: 'publicKey should not be empty' })
      .min(1, 'publicKey should not be empty')
      .max(200),
    visitorSecret: z
      .string({ error: 'visitorSecret must be a string' })
      .min(1, 'visitorSecret should not be empty')
      .max(200, 'visitorSecret must be shorter than or equal to 200 characters')
      .optional(),
    externalUserId: z
      .string({ error: 'externalUserId must be a string' })
      .trim()
      .min(1, 'externalUserId should not be empty')
      .max(50, 'externalUserId must be shorter than or equal to 50 characters')
      .optional(),
    userHash: z
      .string({ error: 'userHash must be a string' })
      .regex(/^[0-9a-fA-F]{64}$/, 'userHash must be an HMAC-SHA256 in hex (64 characters)')
      .optional(),
  })
  .refine((d) => !(d.visitorSecret && d.externalUserId), {
    message: 'Send visitorSecret or externalUserId, not both',
  })
  .refine((d) => !d.userHash || d.externalUserId, {
    message: 'userHash signs an externalUserId: send both',
  });
type SessionData = z.output<typeof WidgetSessionInput>;

const unauthorized = (message: string) => new AppError('UNAUTHORIZED', message);

/** The visitor a session names, and the secret to hand to the browser when one was issued. */
interface Visitor {
  externalUserId: string;
  visitorSecret?: string;
}

/** A returning browser: its secret's hash names the visitor. */
async function byVisitorSecret(bot: Chatbot, secret: string): Promise<Visitor> {
  const [row] = await db
    .update(widgetVisitors)
    // A legacy id's secret in use proves its browser kept it: the bare id claims no more.
    .set({ legacy: false })
    .where(and(eq(widgetVisitors.chatbotId, bot.id), eq(widgetVisitors.secretHash, sha256(secret))))
    .returning({ externalUserId: widgetVisitors.externalUserId });
  if (!row) throw unauthorized('Unknown visitor secret');
  return { externalUserId: row.externalUserId };
}

/**
 * A bare id is a credential only for a legacy `web-<uuid>` id (migration 0014): it gets a
 * secret, a new one at each claim, until one of them is used (byVisitorSecret).
 */
async function byLegacyId(bot: Chatbot, externalUserId: string): Promise<Visitor> {
  const visitorSecret = randomToken(32);
  const [row] = await db
    .update(widgetVisitors)
    .set({ secretHash: sha256(visitorSecret) })
    .where(
      and(
        eq(widgetVisitors.chatbotId, bot.id),
        eq(widgetVisitors.externalUserId, externalUserId),
        eq(widgetVisitors.legacy, true),
      ),
    )
    .returning({ externalUserId: widgetVisitors.externalUserId });
  if (!row) {
    throw unauthorized(
      "externalUserId needs a userHash signed with the workspace's identity secret",
    );
  }
  return { externalUserId, visitorSecret };
}

async function newVisitor(bot: Chatbot): Promise<Visitor> {
  const visitorSecret = randomToken(32);
  const externalUserId = `web-${randomUUID()}`;
  await db.insert(widgetVisitors).values({
    workspaceId: bot.workspaceId,
    chatbotId: bot.id,
    externalUserId,
    secretHash: sha256(visitorSecret),
  });
  return { externalUserId, visitorSecret };
}

async function visitorOf(bot: Chatbot, data: SessionData): Promise<Visitor> {
  if (data.visitorSecret) return byVisitorSecret(bot, data.visitorSecret);
  if (data.externalUserId && data.userHash) {
    if (!(await isSignedIdentity(bot.workspaceId, data.externalUserId, data.userHash)))
      throw unauthorized('userHash does not match externalUserId');
    return { externalUserId: data.externalUserId };
  }
  if (data.externalUserId) return byLegacyId(bot, data.externalUserId);
  return newVisitor(bot);
}

/**
 * Exchanges a chatbot's public key and proof of who the visitor is (a visitor secret this
 * server issued, or the site's signature of its user's id) for a session token scoped to that
 * visitor's WIDGET conversations. With neither, a new visitor: the answer carries its secret,
 * which the widget keeps in localStorage. The chatbot's origin allow-list (when set) must
 * contain the page's Origin.
 */
export async function createWidgetSession(
  input: z.input<typeof WidgetSessionInput>,
  origin: string | undefined,
) {
  const data = WidgetSessionInput.parse(input);
  const [bot] = await db.select().from(chatbots).where(eq(chatbots.publicKey, data.publicKey));
  if (!bot) throw unauthorized('Unknown public key');
  if (bot.allowedOrigins.length > 0 && (!origin || !bot.allowedOrigins.includes(origin))) {
    throw new AppError('FORBIDDEN', 'This origin may not use this chatbot');
  }
  const visitor = await visitorOf(bot, data);
  const token = await signWidgetToken({
    workspaceId: bot.workspaceId,
    chatbotId: bot.id,
    externalUserId: visitor.externalUserId,
  });
  return {
    token,
    externalUserId: visitor.externalUserId,
    ...(visitor.visitorSecret ? { visitorSecret: visitor.visitorSecret } : {}),
    expiresAt: new Date(Date.now() + config.WIDGET_TOKEN_TTL_SECONDS * 1000).toISOString(),
    chatbot: { id: bot.uuid, name: bot.name, greeting: bot.greeting },
  };
}
