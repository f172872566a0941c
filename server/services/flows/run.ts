import { and, eq, sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { rowFromJson } from '../../db/rows';
import { type BotTurn, chatbotTools, type Message, messages } from '../../db/schema';
import { conversationQueue } from '../../queue/enqueue';
import type { TurnContext } from '../bot-turns/context';
import { type FlowState, type HttpRequestPlan, walkFlow } from './engine';
import { callHttpNode } from './http-node';

/**
 * What became of a flow's step (as a reply's save: server/services/bot-turns/save.ts): saved,
 * and `model` says whether the model answers next in the same turn (an ai node, or a flow
 * that is done with a chatbot whose AI is on); stale (a message joined: step again with it);
 * lost (no longer this worker's turn); dropped (the bot no longer answers).
 */
export type FlowStepOutcome =
  | { kind: 'saved'; messages: Message[]; model: { instructions: string | undefined } | null }
  | { kind: 'stale' }
  | { kind: 'lost' }
  | { kind: 'dropped' };

/** Hosts an admin let this chatbot reach at private addresses: its custom tools' allow-lists. */
async function allowedHostsOf(chatbotId: number): Promise<string[]> {
  const rows = await db
    .select({ hosts: chatbotTools.allowedHosts })
    .from(chatbotTools)
    .where(and(eq(chatbotTools.chatbotId, chatbotId), eq(chatbotTools.enabled, true)));
  return [...new Set(rows.flatMap((r) => r.hosts))];
}

/**
 * Runs the step of a claimed turn whose context carries a flow (ctx.flow): the engine from the
 * conversation's node with the customer's unread messages in order (a burst is read as the
 * answers to the questions in order), its HTTP calls made meanwhile, then everything saved at
 * once by save_flow_step under the turn's owner and generation. Nothing is written before that
 * save: a worker killed mid-step leaves the conversation at its node, and the turn runs the
 * step again from there (an http node on the way may be called twice).
 */
export async function runFlowStep(
  turn: Pick<BotTurn, 'conversationId' | 'generation'>,
  owner: string,
  ctx: TurnContext,
  signal?: AbortSignal,
): Promise<FlowStepOutcome> {
  const flow = ctx.flow;
  const chatbot = ctx.chatbot;
  if (!flow || !chatbot) return { kind: 'dropped' };
  const state = (flow.state ?? {}) as FlowState;
  const newest = flow.messages.at(-1)?.id ?? state.lastMessageId;
  let hosts: Promise<string[]> | undefined;
  const call = async (plan: HttpRequestPlan) => {
    hosts ??= allowedHostsOf(chatbot.id);
    return callHttpNode(plan, await hosts, signal);
  };
  const out = await walkFlow(
    {
      graph: flow.graph,
      nodeId: flow.nodeId,
      state,
      variables: flow.variables,
      channel: flow.channel,
      now: new Date(),
      timeZone: flow.timeZone,
      businessHours: flow.businessHours,
      messages: flow.messages.map((m) => m.content),
      language: chatbot.language,
    },
    call,
  );
  const stop = out.stop;
  const model =
    stop.kind === 'ai' || (stop.kind === 'done' && chatbot.aiEnabled)
      ? { instructions: stop.kind === 'ai' ? stop.instructions : undefined }
      : null;
  const saved: FlowState = {
    ...out.state,
    ...(newest !== undefined ? { lastMessageId: newest } : {}),
  };
  const handoff = stop.kind === 'handoff' ? stop : null;
  const [row] = (await db.execute(sql`select outcome, messages from save_flow_step(
    ${turn.conversationId}::int, ${owner}::text, ${turn.generation}::int,
    ${flow.versionId}::int, ${out.nodeId}::text, ${JSON.stringify(saved)}::text::jsonb,
    ${JSON.stringify(out.messages)}::text::jsonb, ${JSON.stringify(out.variables)}::text::jsonb,
    ${stop.kind}::text, ${handoff?.reason ?? null}::text, ${handoff?.tag ?? null}::text,
    ${model !== null}::boolean, ${conversationQueue(turn.conversationId)}::text)`)) as unknown as {
    outcome: FlowStepOutcome['kind'];
    messages: Record<string, unknown>[] | null;
  }[];
  if (row?.outcome === 'saved')
    return {
      kind: 'saved',
      messages: (row.messages ?? []).map((m) => rowFromJson(messages, m)),
      model,
    };
  return { kind: row?.outcome ?? 'lost' } as FlowStepOutcome;
}
