import { eq, sql } from 'drizzle-orm';
import type { Channel } from '../../../shared/enums';
import { FlowGraph } from '../../../shared/flow';
import { messageText } from '../../../shared/message-text';
import { detectIntent } from '../../ai/intents';
import type { ReplyRequest } from '../../ai/responder';
import { toTurns, unansweredLines } from '../../ai/responder';
import { config } from '../../config';
import { type DbOrTx, db } from '../../db/client';
import { rowFromJson } from '../../db/rows';
import {
  type BotTurn,
  type Chatbot,
  type Conversation,
  chatbotKnowledge,
  chatbots,
  conversations,
  type Message,
} from '../../db/schema';
import type { BusinessHoursSpan } from '../../db/schema/workspaces';
import { logger } from '../../logger';
import { faqKeywordNamed } from '../knowledge/faq';
import { RELEVANT_SCORE, searchKnowledge } from '../knowledge/retrieval';
import { botIsAnswering } from './answering';

/** Passages a reply is given: the built-in responder answers with the best, a model reads all. */
const KNOWLEDGE_PASSAGES = 5;

export interface TurnContext {
  conversation: Conversation;
  chatbot: Chatbot | null;
  /** What the model is asked, when the bot is still answering the conversation. */
  request: ReplyRequest | null;
  /** Whether the chatbot has a linked knowledge collection and an enabled custom tool. */
  chatbotHas: { knowledge: boolean; tools: boolean };
  /** The conversation's flow, when this turn is a flow's step (issue 21; services/flows/run.ts). */
  flow: FlowTurn | null;
}

/**
 * What a flow's step reads: the version the conversation is on (or, at its first step, the one
 * published then, which the step's save pins), where it is, what it knows, and the customer's
 * messages no step has read yet, oldest first.
 */
export interface FlowTurn {
  versionId: number;
  graph: FlowGraph;
  nodeId: string | null;
  state: Record<string, unknown> | null;
  variables: Record<string, string>;
  channel: Channel | null;
  timeZone: string;
  businessHours: BusinessHoursSpan[];
  messages: { id: number; content: Record<string, unknown> }[];
}

/** bot_turn_context's `flow` key on the chatbot's row. */
interface FlowRow {
  versionId: number;
  graph: unknown;
  timeZone: string;
  businessHours: BusinessHoursSpan[];
  messages: { id: number; content: Record<string, unknown> }[];
}

/** A message of bot_turn_context's history: what the model's turns are made of. */
export interface HistoryRow {
  origin: Message['origin'];
  content: Message['content'];
  operatorName: string | null;
}

/** The context's history as the model's turns (the bot's requests and the copilot's alike). */
export const historyTurns = (rows: HistoryRow[]) => toTurns(rows, messageText);

/** bot_turn_context's row (claim_bot_turns answers the same columns beside each turn). */
export interface ContextRow {
  conversation: Record<string, unknown>;
  /** The chatbot's row with has_knowledge and has_tools beside its columns. */
  chatbot: Record<string, unknown> | null;
  history: HistoryRow[];
  variables: [string, string][];
  answered_before: boolean;
}

/**
 * A turn's conversation, chatbot and the model's request, in one statement (bot_turn_context):
 * the conversation up to the turn's newest customer message, so a reply to a burst of lines
 * sees them all. Null when the conversation is gone.
 */
export async function loadTurnContext(
  turn: Pick<BotTurn, 'conversationId' | 'messageId'>,
  tx: DbOrTx = db,
): Promise<TurnContext | null> {
  const [row] = (await tx.execute(sql`select conversation, chatbot, history, variables,
      answered_before from bot_turn_context(${turn.conversationId}::int, ${turn.messageId}::int,
      ${config.AI_HISTORY_MESSAGES}::int)`)) as unknown as ContextRow[];
  return row ? decodeTurnContext(row) : null;
}

/** The context's rows as the model is asked: the greeting applies while nobody has answered. */
export function decodeTurnContext(row: ContextRow): TurnContext {
  const conversation = rowFromJson(conversations, row.conversation);
  const chatbot = row.chatbot ? rowFromJson(chatbots, row.chatbot) : null;
  const chatbotHas = {
    knowledge: row.chatbot?.has_knowledge === true,
    tools: row.chatbot?.has_tools === true,
  };
  const flowRow = (row.chatbot?.flow ?? null) as FlowRow | null;
  if (!botIsAnswering(conversation, chatbot, flowRow !== null))
    return { conversation, chatbot, request: null, chatbotHas, flow: null };
  const flow = flowOf(conversation, flowRow, row);
  // A chatbot with its AI off answers only through its flow (its ai nodes included).
  if (!flow && !chatbot.aiEnabled)
    return { conversation, chatbot, request: null, chatbotHas, flow: null };
  return {
    conversation,
    chatbot,
    chatbotHas,
    flow,
    request: {
      chatbot,
      history: historyTurns(row.history),
      variables: Object.fromEntries(row.variables),
      firstMessage: !row.answered_before,
      knowledge: [],
      answersFromKnowledge: false,
    },
  };
}

/**
 * The turn's flow step, if it is one: the conversation is on a version, or has had no answer
 * yet and its chatbot has one published (a conversation the model was already answering when a
 * flow was published goes on without it: new conversations start on the flow).
 */
function flowOf(c: Conversation, flow: FlowRow | null, row: ContextRow): FlowTurn | null {
  if (!flow || (c.flowVersionId === null && row.answered_before)) return null;
  const graph = FlowGraph.safeParse(flow.graph);
  if (!graph.success) {
    // Publishing validates the graph: this is a version written by hand; the bot goes on without.
    logger.error({ conversationId: c.id, versionId: flow.versionId }, 'flow version unreadable');
    return null;
  }
  return {
    versionId: flow.versionId,
    graph: graph.data,
    nodeId: c.currentNodeId,
    state: c.flowState,
    variables: Object.fromEntries(row.variables),
    channel: c.channel,
    timeZone: flow.timeZone,
    businessHours: flow.businessHours,
    messages: flow.messages,
  };
}

/**
 * The request with the chatbot's best passages for the customer's unanswered lines, read just
 * before the model is asked (and again when a message joins the turn). A request for a person
 * and small talk are answered without knowledge, so they search nothing. `linked`: whether the
 * chatbot has a collection, when the turn's context already said (asked here otherwise).
 */
export async function withKnowledge(
  request: ReplyRequest,
  linked?: boolean,
  tx: DbOrTx = db,
): Promise<ReplyRequest> {
  const asked = unansweredLines(request.history);
  if (!asked.trim() || detectIntent(asked).kind !== 'question') return request;
  const { chatbot } = request;
  // A chatbot with no collection (most turns of a deployment without knowledge) searches
  // nothing (issue 19's CPU per message).
  if (!(linked ?? (await hasKnowledge(chatbot.id, tx))))
    return { ...request, knowledge: [], answersFromKnowledge: false };
  const hits = await searchKnowledge(
    {
      workspaceId: chatbot.workspaceId,
      chatbotId: chatbot.id,
      query: asked,
      limit: KNOWLEDGE_PASSAGES,
    },
    tx,
  );
  return {
    ...request,
    knowledge: hits.map((hit) => ({
      ...hit,
      relevant: hit.score >= RELEVANT_SCORE || faqKeywordNamed(hit, asked),
    })),
    answersFromKnowledge: true,
  };
}

async function hasKnowledge(chatbotId: number, tx: DbOrTx): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(chatbotKnowledge)
    .where(eq(chatbotKnowledge.chatbotId, chatbotId))
    .limit(1);
  return !!row;
}
