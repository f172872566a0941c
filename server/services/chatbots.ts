import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { LOCALES } from '../../shared/i18n/locales';
import { type Actor, requireRole } from '../auth/actor';
import { identityCache } from '../auth/identity-cache';
import { randomToken } from '../auth/secrets';
import { type DbOrTx, db } from '../db/client';
import { chatbots, WIDGET_POSITIONS } from '../db/schema';
import { AppError, notFound } from '../errors';
import { type EntityRef, parseRef } from './ids';
import { syncFaqArticles } from './knowledge/faq';

const FaqEntry = z.object({
  keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(50),
  answer: z.string().trim().min(1).max(4000),
});

const chatbotFields = {
  name: z.string().trim().min(1).max(100),
  systemPrompt: z.string().max(20_000),
  model: z.string().trim().min(1).max(100),
  temperature: z.number().min(0).max(2),
  aiEnabled: z.boolean(),
  greeting: z.string().max(2000).nullable(),
  faq: z.array(FaqEntry).max(500),
  allowedOrigins: z.array(z.string().url().max(200)).max(50),
  // A hex colour only: the widget writes it into its CSS, so nothing else may get there.
  widgetColor: z
    .string({ error: 'widgetColor must be a hex colour such as #2563eb' })
    .regex(/^#[0-9a-fA-F]{6}$/, 'widgetColor must be a hex colour such as #2563eb'),
  widgetTitle: z
    .string({ error: 'widgetTitle must be a string' })
    .trim()
    .min(1, 'widgetTitle should not be empty')
    .max(60, 'widgetTitle must be shorter than or equal to 60 characters'),
  widgetPosition: z.enum(WIDGET_POSITIONS, {
    error: 'widgetPosition must be one of bottom-right, bottom-left',
  }),
  csatEnabled: z.boolean({ error: 'csatEnabled must be a boolean value' }),
  language: z.enum(LOCALES, { error: 'language must be one of en, pt-BR, es' }),
};

export const CreateChatbotInput = z.object({
  ...chatbotFields,
  systemPrompt: chatbotFields.systemPrompt.optional(),
  model: chatbotFields.model.optional(),
  temperature: chatbotFields.temperature.optional(),
  aiEnabled: chatbotFields.aiEnabled.optional(),
  greeting: chatbotFields.greeting.optional(),
  faq: chatbotFields.faq.optional(),
  allowedOrigins: chatbotFields.allowedOrigins.optional(),
  widgetColor: chatbotFields.widgetColor.optional(),
  widgetTitle: chatbotFields.widgetTitle.optional(),
  widgetPosition: chatbotFields.widgetPosition.optional(),
  csatEnabled: chatbotFields.csatEnabled.optional(),
  language: chatbotFields.language.optional(),
});
export const UpdateChatbotInput = z.object(chatbotFields).partial();

export const newPublicKey = () => `pk_${randomToken(18)}`;

const refWhere = (ref: EntityRef) =>
  'id' in ref ? eq(chatbots.id, ref.id) : eq(chatbots.uuid, ref.uuid);

export async function findChatbot(workspaceId: number, raw: string | number, tx: DbOrTx = db) {
  const [row] = await tx
    .select()
    .from(chatbots)
    .where(and(refWhere(parseRef(raw, 'Chatbot')), eq(chatbots.workspaceId, workspaceId)));
  if (!row) throw notFound('Chatbot');
  return row;
}

export async function listChatbots(actor: Actor, tx: DbOrTx = db) {
  return tx
    .select()
    .from(chatbots)
    .where(eq(chatbots.workspaceId, actor.workspaceId))
    .orderBy(asc(chatbots.id));
}

export async function getChatbot(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  return findChatbot(actor.workspaceId, ref, tx);
}

export async function createChatbot(
  actor: Actor,
  input: z.input<typeof CreateChatbotInput>,
  tx: DbOrTx = db,
) {
  requireRole(actor, 'admin');
  const data = CreateChatbotInput.parse(input);
  return tx.transaction(async (t) => {
    const [row] = await t
      .insert(chatbots)
      .values({ ...data, workspaceId: actor.workspaceId, publicKey: newPublicKey() })
      .returning();
    if (row!.faq.length > 0) await syncFaqArticles(row!, t);
    return row!;
  });
}

export async function updateChatbot(
  actor: Actor,
  ref: string | number,
  input: z.input<typeof UpdateChatbotInput>,
  tx: DbOrTx = db,
) {
  requireRole(actor, 'admin');
  const patch = UpdateChatbotInput.parse(input);
  const existing = await findChatbot(actor.workspaceId, ref, tx);
  return tx.transaction(async (t) => {
    const [row] = await t
      .update(chatbots)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(chatbots.id, existing.id))
      .returning();
    // FAQ entries are answered as knowledge: the chatbot's FAQ articles follow them.
    if (patch.faq !== undefined) await syncFaqArticles(row!, t);
    return row!;
  });
}

export async function deleteChatbot(actor: Actor, ref: string | number, tx: DbOrTx = db) {
  requireRole(actor, 'admin');
  const existing = await findChatbot(actor.workspaceId, ref, tx);
  await tx.delete(chatbots).where(eq(chatbots.id, existing.id));
  identityCache.evict(`chatbot:${existing.id}`);
}

/**
 * What the widget shows before anyone writes, read with the public key alone: the chatbot's
 * name, greeting and look. Nothing else of the chatbot (prompt, origins, FAQ) and nothing of a
 * conversation: the key sits in every page's HTML.
 */
export async function widgetPresentation(publicKey: unknown) {
  if (typeof publicKey !== 'string' || publicKey.length === 0 || publicKey.length > 200) {
    throw new AppError('BAD_REQUEST', 'publicKey should not be empty');
  }
  const [bot] = await db
    .select({
      name: chatbots.name,
      greeting: chatbots.greeting,
      color: chatbots.widgetColor,
      title: chatbots.widgetTitle,
      position: chatbots.widgetPosition,
    })
    .from(chatbots)
    .where(eq(chatbots.publicKey, publicKey));
  if (!bot) throw notFound('Chatbot');
  return bot;
}
