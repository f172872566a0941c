import { sql } from 'drizzle-orm';
import type { Reply } from '../../ai/responder';
import { type DbOrTx, db, runStatement } from '../../db/client';
import { rowFromJson } from '../../db/rows';
import { type BotTurn, type Conversation, type Message, messages } from '../../db/schema';
import { conversationQueue } from '../../queue/enqueue';
import { VariableInput } from '../conversations/variables';

/**
 * What became of a reply: saved (and the turn ended); stale (a message joined the turn while the
 * model worked: answer again with it); lost (the turn is no longer this worker's: it was freed
 * as a dead worker's, and another answers it); dropped (the bot no longer answers: the turn ended
 * without a reply).
 */
export type SaveOutcome =
  | { kind: 'saved'; message: Message | null }
  | { kind: 'stale' }
  | { kind: 'lost' }
  | { kind: 'dropped' };

/** The bot's typing indicator, announced (at commit) without being stored: announce_typing. */
export async function emitTyping(conversation: Conversation, isTyping: boolean, tx: DbOrTx = db) {
  await tx.execute(sql`select announce_typing(${conversation.id}::int, ${isTyping}::boolean)`);
}

const SAVE_BOT_REPLY = `select outcome, message from save_bot_reply($1::int, $2::text, $3::int,
  $4::boolean, $5::text, $6::text::jsonb, $7::text::jsonb, $8::text, $9::text, $10::text::jsonb)`;

/**
 * Saves the reply of a turn `owner` runs, once, in one statement (save_bot_reply, which says
 * what it checks under which locks): it must still be this owner's turn and of the generation
 * the reply was made for, and the bot must still answer (a human may have taken over while the
 * model thought; a fallback is saved unless the conversation ended). The tools' calls are
 * checked here as an operator's would be; one that does not pass is left out.
 */
export async function saveTurnReply(
  turn: Pick<BotTurn, 'conversationId' | 'generation'>,
  owner: string,
  reply: Reply,
): Promise<SaveOutcome> {
  const variables = reply.toolCalls.flatMap((call) => {
    if (call.name !== 'set_variable') return [];
    const valid = VariableInput.safeParse({ key: call.key, value: call.value });
    return valid.success ? [valid.data] : [];
  });
  const handoff = reply.toolCalls.find((t) => t.name === 'handoff_to_human');
  const metadata = {
    responder: reply.source,
    ...(reply.model ? { model: reply.model } : {}),
    ...(reply.sources?.length ? { sources: reply.sources } : {}),
  };
  const [row] = await runStatement<{
    outcome: SaveOutcome['kind'];
    message: Record<string, unknown> | null;
  }>(db, SAVE_BOT_REPLY, [
    turn.conversationId,
    owner,
    turn.generation,
    reply.source === 'fallback',
    reply.text || null,
    JSON.stringify(metadata),
    JSON.stringify(variables),
    handoff?.name === 'handoff_to_human' ? handoff.reason : null,
    conversationQueue(turn.conversationId),
    JSON.stringify(reply.activities ?? []),
  ]);
  if (row?.outcome === 'saved')
    return { kind: 'saved', message: row.message ? rowFromJson(messages, row.message) : null };
  return { kind: row?.outcome ?? 'lost' } as SaveOutcome;
}
