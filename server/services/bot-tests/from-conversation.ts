import { and, asc, eq } from 'drizzle-orm';
import { chosenOption } from '../../../shared/flow';
import { messageText } from '../../../shared/message-text';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type BotTestCase, conversationVariables, messages } from '../../db/schema';
import { AppError } from '../../errors';
import { loadConversation } from '../conversations/access';
import { insertCase } from './cases';
import type { CustomerTurn, Expectation } from './definitions';

/*
 * A real conversation as a test case, in one click (issue 21): its customer messages become
 * the script, and the expectations say what happened, so the case fails the day the bot stops
 * doing it: each turn's first bot reply contains its first words, the bot handed off or did
 * not, the flow reached the node the conversation is at, and the variables it collected.
 */

/** Words of a reply an expectation keeps: enough to tell it apart, few enough to survive edits. */
const FIRST_WORDS = 4;
const MAX_TURNS = 50;

const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, FIRST_WORDS).join(' ');

export async function caseFromConversation(
  actor: Actor,
  conversationRef: string | number,
  name: string,
  tx: DbOrTx = db,
): Promise<BotTestCase> {
  requireRole(actor, 'supervisor');
  const conversation = await loadConversation(actor, conversationRef, tx);
  const chatbotId = conversation.chatbotId ?? conversation.assignedBotId;
  if (chatbotId === null)
    throw new AppError('BAD_REQUEST', 'This conversation has no chatbot to test');
  const rows = await tx
    .select({ origin: messages.origin, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        eq(messages.workspaceId, actor.workspaceId),
      ),
    )
    .orderBy(asc(messages.id));
  const turns: CustomerTurn[] = [];
  const expectations: Expectation[] = [];
  let answered = true; // whether the current turn's first bot reply has been seen
  for (const m of rows) {
    if (m.origin === 'operator') break; // a person answered from here: not the bot's to test
    if (m.origin === 'client') {
      if (turns.length >= MAX_TURNS) break;
      const choice = chosenOption(m.content);
      const text = messageText(m.content).trim();
      if (choice) turns.push({ choice: choice.id });
      else if (text) turns.push({ text: text.slice(0, 4096) });
      else continue;
      answered = false;
    } else if (m.origin === 'bot' && !answered && turns.length > 0) {
      const words = firstWords(messageText(m.content));
      if (words) {
        expectations.push({ kind: 'reply_contains', text: words, turn: turns.length });
        answered = true;
      }
    }
  }
  if (!turns.length)
    throw new AppError('BAD_REQUEST', 'This conversation has no customer message to replay');
  expectations.push({ kind: 'handed_off', value: conversation.handoffAt !== null });
  if (conversation.currentNodeId)
    expectations.push({ kind: 'reached_node', nodeId: conversation.currentNodeId });
  const variables = await tx
    .select({ key: conversationVariables.key, value: conversationVariables.value })
    .from(conversationVariables)
    .where(
      and(
        eq(conversationVariables.conversationId, conversation.id),
        eq(conversationVariables.workspaceId, actor.workspaceId),
      ),
    )
    .orderBy(asc(conversationVariables.id));
  for (const v of variables.slice(0, 20))
    expectations.push({ kind: 'variable_equals', key: v.key, value: v.value.slice(0, 4096) });
  return insertCase(
    actor,
    chatbotId,
    {
      name,
      script: { kind: 'scripted', turns },
      expectations: expectations.slice(0, 50),
      allowHttp: false,
    },
    tx,
  );
}
