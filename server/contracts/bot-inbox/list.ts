import type { z } from 'zod';
import type { Actor } from '../../auth/actor';
import type { DbOrTx } from '../../db/client';
import { type BotInboxQuery, listInboxPage } from '../../services/conversations/bot-inbox';
import type { JsonText } from '../../services/serialize';
import { listRow, presentConversationPage } from './present';

/** `GET /api/conversations`: one page of the inbox as this contract's JSON text. */
export async function listBotInbox(
  actor: Actor,
  query: z.input<typeof BotInboxQuery>,
  tx?: DbOrTx,
): Promise<JsonText> {
  return presentConversationPage(await listInboxPage(actor, query, listRow, tx));
}
