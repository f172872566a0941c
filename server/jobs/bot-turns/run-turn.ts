import { isRateLimited } from '../../ai/rate-limit';
import type { Reply, Responder } from '../../ai/responder';
import { config } from '../../config';
import type { BotTurn } from '../../db/schema';
import { logger } from '../../logger';
import { withTools } from '../../services/bot-tools/toolbox';
import { fallbackText } from '../../services/bot-turns/answering';
import { loadTurnContext, type TurnContext, withKnowledge } from '../../services/bot-turns/context';
import { emitTyping, saveTurnReply } from '../../services/bot-turns/save';
import { dropTurn, ownedTurn, putBack } from '../../services/bot-turns/turns';
import { runFlowStep } from '../../services/flows/run';
import type { ProviderGate } from './provider-gate';

const log = logger.child({ component: 'bot-turns' });

/** A turn this process runs: the abort that stops its model call, and why it was stopped. */
export interface RunningTurn {
  turn: BotTurn;
  abort: AbortController;
  /** A message joined the turn: the call is stopped and asked again with it. */
  joined: boolean;
  /** The process is stopping: the turn is given back, not retried here. */
  stopping: boolean;
}

export interface TurnRunner {
  owner: string;
  responder: () => Responder;
  gate: ProviderGate;
}

/** The reply when the model cannot answer: a word to the customer, and a person takes over. */
const fallback = (language: string | null | undefined): Reply => ({
  text: fallbackText(language),
  toolCalls: [{ name: 'handoff_to_human', reason: 'The AI could not answer' }],
  source: 'fallback',
});

/** graphile-worker's backoff, which the reply jobs had: e^attempts seconds (2.7 s, 7.4 s...). */
export const backoffMs = (attempts: number) => Math.round(Math.exp(Math.min(attempts, 10)) * 1000);

/**
 * Answers one turn: the context up to its newest message, the model, the save. A message that
 * joins meanwhile stops the call (or makes the saved-too-late reply stale) and the turn is asked
 * again with it, so a burst gets one reply. A failed call waits in the database with backoff; the
 * last attempt saves a fallback and hands off; a 429 waits for the provider's Retry-After
 * without using an attempt. The typing indicator is on from the claim to the end.
 */
export async function runTurn(
  running: RunningTurn,
  claimedContext: TurnContext,
  runner: TurnRunner,
): Promise<void> {
  const { owner } = runner;
  let turn = running.turn;
  // The claim started the typing indicator and read the context; a restart reads it again.
  let ctx: TurnContext | null = claimedContext;
  for (;;) {
    if (!ctx?.request) {
      await dropTurn(turn.conversationId, owner);
      if (ctx) await emitTyping(ctx.conversation, false);
      return;
    }
    // A flow's step (issue 21) runs the engine, not the model, unless it reached an ai node:
    // then the model answers in the same turn, with the node's instructions.
    let request = ctx.request;
    if (ctx.flow) {
      const step = await runFlowStep(turn, owner, ctx, running.abort.signal);
      if (step.kind === 'stale') {
        const now = await restart(running, owner);
        if (!now) return;
        turn = now;
        ctx = await loadTurnContext(turn);
        continue;
      }
      if (step.kind !== 'saved' || !step.model) return;
      const { instructions } = step.model;
      if (instructions)
        request = {
          ...request,
          chatbot: {
            ...request.chatbot,
            systemPrompt: `${request.chatbot.systemPrompt}\n\n${instructions}`.trim(),
          },
        };
    }
    let reply: Reply;
    if (turn.attempts > config.AI_REPLY_ATTEMPTS) {
      reply = fallback(ctx.chatbot?.language); // it died with every attempt in flight: do not call again
    } else {
      try {
        // The knowledge is searched here, per turn, so a failed search is retried as a call is.
        const { knowledge, tools } = ctx.chatbotHas;
        const asked = withTools(await withKnowledge(request, knowledge), tools);
        reply = await runner.responder().reply(asked, { signal: running.abort.signal });
        runner.gate.passed();
      } catch (err) {
        if (running.stopping) return;
        if (running.joined) {
          const now = await restart(running, owner);
          if (!now) return;
          turn = now;
          ctx = await loadTurnContext(turn);
          continue;
        }
        if (isRateLimited(err)) {
          const wait = runner.gate.rateLimited(err);
          log.warn(
            { conversationId: turn.conversationId, waitMs: wait },
            'model provider rate limited; the turn waits',
          );
          await putBack(turn.conversationId, owner, wait, { attemptCounts: false });
          await emitTyping(ctx.conversation, false);
          return;
        }
        log.error(
          { err, conversationId: turn.conversationId, attempt: turn.attempts },
          'model call failed',
        );
        if (turn.attempts < config.AI_REPLY_ATTEMPTS) {
          await putBack(turn.conversationId, owner, backoffMs(turn.attempts), {
            attemptCounts: true,
          });
          await emitTyping(ctx.conversation, false);
          return;
        }
        reply = fallback(ctx.chatbot?.language);
      }
    }
    const outcome = await saveTurnReply(turn, owner, reply);
    if (outcome.kind !== 'stale') return;
    const now = await restart(running, owner);
    if (!now) return;
    turn = now;
    ctx = await loadTurnContext(turn);
  }
}

/** The turn again after a message joined it: its newest message and generation, a fresh abort. */
async function restart(running: RunningTurn, owner: string): Promise<BotTurn | null> {
  running.joined = false;
  running.abort = new AbortController();
  const now = await ownedTurn(running.turn.conversationId, owner);
  if (now) running.turn = now;
  return now;
}
