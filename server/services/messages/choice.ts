import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { type Conversation, messages } from '../../db/schema';
import { AppError } from '../../errors';

/** An option a button or list message offered, as WhatsApp's reply echoes it. */
interface Offered {
  id: string;
  title: string;
  description?: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The options of an interactive content, with the reply kind a choice of them is: a list's
 * rows (`list_reply`) or reply buttons (`button_reply`), in either shape a message may be
 * stored in (ours, `{id, title}`, or the Graph API's, `{type: 'reply', reply: {id, title}}`).
 */
function offeredBy(content: Record<string, unknown>) {
  const action = (content.action ?? {}) as { buttons?: unknown; sections?: unknown };
  const kind = content.type === 'list' ? 'list_reply' : 'button_reply';
  const raw = Array.isArray(action.sections)
    ? action.sections.flatMap((s) => (Array.isArray(s?.rows) ? s.rows : []))
    : Array.isArray(action.buttons)
      ? action.buttons
      : [];
  const options: Offered[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    const o = (item?.reply ?? item) as Record<string, unknown> | null;
    const id = str(o?.id);
    if (!id) continue;
    const description = str(item?.description);
    options.push({ id, title: str(o?.title) ?? '', ...(description ? { description } : {}) });
  }
  return { kind, options } as const;
}

export const UNOFFERED_CHOICE =
  "choiceId must be one of the options of the conversation's latest interactive message";

/**
 * A customer's press of a button (or a list row): the inbound content for it, in WhatsApp
 * Cloud's shape (`{type: 'button_reply', button_reply: {id, title}, text: title}`), which
 * chosenOption (shared/flow.ts) reads. The id must be one the conversation's latest
 * interactive message from the business (a bot's or an operator's) offered, so a visitor
 * cannot answer a question nobody asked; the title stored is the one offered. The caller holds
 * the conversation's row lock, so no newer message can slip in between check and write.
 */
export async function choiceReply(
  tx: DbOrTx,
  conversation: Conversation,
  choiceId: string,
): Promise<Record<string, unknown>> {
  const [latest] = await tx
    .select({ content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        eq(messages.direction, 'outbound'),
        eq(messages.type, 'interactive'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);
  const { kind, options } = offeredBy(latest?.content ?? {});
  const chosen = options.find((o) => o.id === choiceId);
  if (!chosen) throw new AppError('BAD_REQUEST', UNOFFERED_CHOICE);
  return { type: kind, [kind]: chosen, text: chosen.title };
}
