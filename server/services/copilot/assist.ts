import { draftReply, summarizeConversation } from '../../ai/copilot';
import { isRateLimited } from '../../ai/rate-limit';
import { type KnowledgePassage, type ReplySource, sourcesOf } from '../../ai/responder';
import type { Actor } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { notFound } from '../../errors';
import { logger } from '../../logger';
import { RELEVANT_SCORE, searchKnowledge } from '../knowledge/retrieval';
import { CopilotError, requireModel } from './availability';
import {
  accessibleConversation,
  type CopilotContext,
  customerLastLines,
  loadCopilotContext,
} from './context';

/** Passages a draft is given: as many as the bot's own model reads. */
const DRAFT_PASSAGES = 5;

export interface CopilotDraft {
  /** For the agent's composer; nothing is sent or stored. */
  text: string;
  model: string;
  /** The articles the draft was given, so the agent can check it against them. */
  sources: ReplySource[];
}

export interface CopilotSummary {
  text: string;
  model: string;
}

/**
 * The model's answer, or a CopilotError that says why there is none. The provider's own
 * message goes to the log, not to the agent: it can name the deployment's account or key.
 */
export async function askModel<T extends { text: string }>(
  call: () => Promise<T>,
  what: string,
): Promise<T> {
  let answer: T;
  try {
    answer = await call();
  } catch (err) {
    if (isRateLimited(err))
      throw new CopilotError(
        'rate_limited',
        'The model is busy (rate limited): try again shortly.',
      );
    logger.warn({ err: (err as Error)?.message, what }, 'copilot model call failed');
    throw new CopilotError('model_failed', `The model did not answer the ${what} request.`);
  }
  if (!answer.text)
    throw new CopilotError('model_failed', `The model answered the ${what} request with nothing.`);
  return answer;
}

/** The conversation's chatbot's best passages for what the customer asked last. */
async function knowledgeFor(context: CopilotContext, tx: DbOrTx): Promise<KnowledgePassage[]> {
  const asked = customerLastLines(context.history);
  if (!context.chatbot || !asked.trim()) return [];
  const hits = await searchKnowledge(
    {
      workspaceId: context.conversation.workspaceId,
      chatbotId: context.chatbot.id,
      query: asked,
      limit: DRAFT_PASSAGES,
    },
    tx,
  );
  return hits.map((hit) => ({ ...hit, relevant: hit.score >= RELEVANT_SCORE }));
}

/** Access first, then the model: another workspace's conversation is NOT_FOUND with or without a key. */
async function contextFor(actor: Actor, ref: string | number, tx: DbOrTx) {
  const conversation = await accessibleConversation(actor, ref, tx);
  requireModel();
  const context = await loadCopilotContext(conversation.id, tx);
  if (!context) throw notFound('Conversation');
  return context;
}

/**
 * A draft of the agent's next reply from the knowledge base and the conversation, through the
 * chatbot's model. Answered to the agent only: it writes no message, no event, no job.
 */
export async function suggestReply(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<CopilotDraft> {
  const context = await contextFor(actor, ref, tx);
  const knowledge = await knowledgeFor(context, tx);
  const answer = await askModel(
    () =>
      draftReply({
        model: context.model,
        instructions: context.chatbot?.systemPrompt ?? '',
        history: context.history,
        variables: context.variables,
        knowledge,
      }),
    'draft',
  );
  return { text: answer.text, model: answer.model, sources: sourcesOf(knowledge) };
}

/** A short private summary of the conversation for the agent who asks; nothing is stored. */
export async function summarize(
  actor: Actor,
  ref: string | number,
  tx: DbOrTx = db,
): Promise<CopilotSummary> {
  const context = await contextFor(actor, ref, tx);
  return askModel(() => summarizeContext(context), 'summary');
}

/** The summary call itself, shared with the handoff job. */
export function summarizeContext(context: CopilotContext) {
  return summarizeConversation({
    model: context.model,
    instructions: context.chatbot?.systemPrompt ?? '',
    history: context.history,
    variables: context.variables,
  });
}
