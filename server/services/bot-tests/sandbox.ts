import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Channel } from '../../../shared/enums';
import { type FlowChoice, FlowGraph } from '../../../shared/flow';
import { messageText } from '../../../shared/message-text';
import { responder } from '../../ai';
import type { ReplyRequest, ReplySource, Turn } from '../../ai/responder';
import type { DbOrTx } from '../../db/client';
import {
  type BotTestRunDraft,
  type Chatbot,
  chatbotKnowledge,
  chatbotTools,
  flows,
  workspaces,
} from '../../db/schema';
import type { BusinessHoursSpan } from '../../db/schema/workspaces';
import { withTools } from '../bot-tools/toolbox';
import { withKnowledge } from '../bot-turns/context';
import { type FlowState, type HttpRequestPlan, walkFlow } from '../flows/engine';
import { callHttpNode } from '../flows/http-node';
import type { FlowMessage } from '../flows/node-content';
import type { CustomerTurn, TranscriptEntry } from './definitions';

/*
 * The sandbox a test case runs in (issue 21): the chatbot's current draft (prompt, model,
 * knowledge, flow draft, tools) answers a customer held in memory. No conversation, message,
 * event or variable row is written and nothing reaches a channel: the flow engine is pure and
 * is stepped here with an in-memory state, the responder is asked with the in-memory history,
 * and the knowledge base is only read. HTTP nodes and custom tools reach their endpoints only
 * when the case allows it; otherwise an HTTP node fails (the flow takes its error branch) and
 * tools are not offered to the model, and the transcript says so.
 */

/** Everything a case runs against, read once per run. */
export interface DraftBot {
  chatbot: Chatbot;
  graph: FlowGraph | null;
  timeZone: string;
  businessHours: BusinessHoursSpan[];
  hasKnowledge: boolean;
  hasTools: boolean;
  allowedHosts: string[];
  draft: BotTestRunDraft;
}

/** The chatbot's draft as the sandbox reads it (read-only). */
export async function loadDraft(chatbot: Chatbot, tx: DbOrTx): Promise<DraftBot> {
  const [[flow], [workspace], [knowledge], tools] = await Promise.all([
    tx.select().from(flows).where(eq(flows.chatbotId, chatbot.id)),
    tx
      .select({ timeZone: workspaces.timeZone, businessHours: workspaces.businessHours })
      .from(workspaces)
      .where(eq(workspaces.id, chatbot.workspaceId)),
    tx
      .select({ one: sql<number>`1` })
      .from(chatbotKnowledge)
      .where(eq(chatbotKnowledge.chatbotId, chatbot.id))
      .limit(1),
    tx
      .select({ hosts: chatbotTools.allowedHosts })
      .from(chatbotTools)
      .where(and(eq(chatbotTools.chatbotId, chatbot.id), eq(chatbotTools.enabled, true))),
  ]);
  const parsed = flow ? FlowGraph.safeParse(flow.draft) : null;
  const graph = parsed?.success ? parsed.data : null;
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([chatbot.systemPrompt, chatbot.model, chatbot.greeting, chatbot.aiEnabled]),
    )
    .update(JSON.stringify(flow?.draft ?? null))
    .digest('hex');
  return {
    chatbot,
    graph,
    timeZone: workspace?.timeZone ?? 'UTC',
    businessHours: workspace?.businessHours ?? [],
    hasKnowledge: !!knowledge,
    hasTools: tools.length > 0,
    allowedHosts: [...new Set(tools.flatMap((t) => t.hosts))],
    draft: {
      flowUpdatedAt: flow ? flow.updatedAt.toISOString() : null,
      model: chatbot.model,
      aiEnabled: chatbot.aiEnabled,
      fingerprint,
    },
  };
}

/** What became of a conversation in the sandbox: what the expectations are checked against. */
export interface SandboxOutcome {
  transcript: TranscriptEntry[];
  /** The bot's reply texts per customer turn (index 0: turn 1). */
  replies: string[][];
  variables: Record<string, string>;
  /** Every node the flow stopped at (waited, handed off, ended), in order. */
  nodes: string[];
  handoff: { reason: string } | null;
  ended: boolean;
  sources: ReplySource[];
  /** Customer turns the bot answered (turns after a handoff or an end are not). */
  turns: number;
}

/** One conversation in memory; `say` gives it the customer's next turn. */
export class SandboxConversation {
  readonly outcome: SandboxOutcome = {
    transcript: [],
    replies: [],
    variables: {},
    nodes: [],
    handoff: null,
    ended: false,
    sources: [],
    turns: 0,
  };
  private nodeId: string | null = null;
  private state: FlowState | null = null;
  private history: Turn[] = [];
  /** The choices of the bot's last interactive message: what a pressed `choice` names. */
  private choices: FlowChoice[] = [];
  private flowDone = false;

  constructor(
    private readonly bot: DraftBot,
    private readonly allowHttp: boolean,
    private readonly tx: DbOrTx,
    private readonly channel: Channel = 'WIDGET',
  ) {}

  /** Whether the bot still answers: a handoff or an end leaves the customer to people. */
  get open(): boolean {
    return !this.outcome.handoff && !this.outcome.ended;
  }

  /** The history as the model reads it (for a simulated customer). */
  get turns(): readonly Turn[] {
    return this.history;
  }

  private note(turn: number, text: string) {
    this.outcome.transcript.push({ turn, from: 'sandbox', text });
  }

  private botSays(turn: number, m: FlowMessage, sources?: ReplySource[]) {
    const content = m.content as Record<string, unknown>;
    const text = messageText(content);
    this.outcome.transcript.push({
      turn,
      from: 'bot',
      type: m.type,
      text,
      content,
      ...(sources?.length
        ? { sources: sources.map((s) => ({ articleUuid: s.articleUuid, title: s.title })) }
        : {}),
    });
    this.outcome.replies[turn - 1]!.push(text);
    if (text) this.history.push({ role: 'assistant', content: text });
    if (m.type === 'interactive') {
      const action = m.content.action as {
        buttons?: FlowChoice[];
        sections?: { rows: FlowChoice[] }[];
      };
      this.choices = action.buttons ?? action.sections?.flatMap((s) => s.rows) ?? [];
    }
  }

  /** The customer's turn as an inbound message's content (a choice as the widget sends it). */
  private contentOf(turn: CustomerTurn): Record<string, unknown> {
    if ('text' in turn) return { type: 'text', text: turn.text };
    const title = this.choices.find((c) => c.id === turn.choice)?.title ?? turn.choice;
    return { type: 'button_reply', button_reply: { id: turn.choice, title }, text: title };
  }

  async say(customer: CustomerTurn, signal?: AbortSignal): Promise<void> {
    const turn = this.outcome.turns + 1;
    const content = this.contentOf(customer);
    const text = messageText(content);
    this.outcome.transcript.push({
      turn,
      from: 'customer',
      text,
      ...('choice' in customer ? { choice: customer.choice } : {}),
    });
    if (!this.open) {
      this.note(turn, 'The bot no longer answers: the conversation is with people or ended.');
      return;
    }
    this.outcome.turns = turn;
    this.outcome.replies.push([]);
    this.history.push({ role: 'user', content: text });
    let instructions: string | undefined;
    let modelAnswers = this.bot.chatbot.aiEnabled;
    if (this.bot.graph && !this.flowDone) {
      const stop = await this.flowStep(turn, content);
      if (stop.kind === 'handoff') return this.handOff(turn, stop.reason);
      if (stop.kind === 'end') {
        this.outcome.ended = true;
        this.note(turn, 'The flow ended the conversation.');
        return;
      }
      if (stop.kind === 'wait') return;
      if (stop.kind === 'ai') {
        instructions = stop.instructions;
        modelAnswers = true;
      } else this.flowDone = true; // 'done': the bot answers as it does without a flow
    }
    if (!modelAnswers) {
      this.note(turn, "The chatbot's AI is off and no flow answers: no reply.");
      return;
    }
    await this.modelStep(turn, instructions, signal);
  }

  private async flowStep(turn: number, content: Record<string, unknown>) {
    const graph = this.bot.graph!;
    const call = async (plan: HttpRequestPlan) => {
      if (!this.allowHttp) {
        this.note(
          turn,
          `HTTP node ${plan.node.id} not called (${plan.node.method} ${plan.url}): the case does not allow HTTP, so the flow took its error branch.`,
        );
        return { ok: false as const };
      }
      const result = await callHttpNode(plan, this.bot.allowedHosts);
      this.note(turn, `HTTP node ${plan.node.id} called: ${result.ok ? 'ok' : 'failed'}.`);
      return result;
    };
    const out = await walkFlow(
      {
        graph,
        nodeId: this.nodeId,
        state: this.state,
        variables: this.outcome.variables,
        channel: this.channel,
        now: new Date(),
        timeZone: this.bot.timeZone,
        businessHours: this.bot.businessHours,
        messages: [content],
      },
      call,
    );
    for (const m of out.messages) this.botSays(turn, m);
    for (const v of out.variables) this.outcome.variables[v.key] = v.value;
    this.nodeId = out.nodeId;
    this.state = out.state;
    if (out.stop.kind !== 'done') this.outcome.nodes.push(out.nodeId);
    return out.stop;
  }

  private async modelStep(turn: number, instructions: string | undefined, signal?: AbortSignal) {
    const { chatbot } = this.bot;
    let request: ReplyRequest = {
      chatbot: instructions
        ? { ...chatbot, systemPrompt: `${chatbot.systemPrompt}\n\n${instructions}`.trim() }
        : chatbot,
      history: [...this.history],
      variables: { ...this.outcome.variables },
      firstMessage: !this.history.some((t) => t.role === 'assistant'),
      knowledge: [],
      answersFromKnowledge: false,
    };
    request = await withKnowledge(request, this.bot.hasKnowledge, this.tx);
    if (this.bot.hasTools && this.allowHttp) request = withTools(request, true, this.tx);
    else if (this.bot.hasTools)
      this.note(turn, 'Custom tools not offered to the model: the case does not allow HTTP.');
    const reply = await responder().reply(request, { signal });
    for (const a of reply.activities ?? [])
      this.note(turn, `Custom tool ${a.tool} called: ${a.status}.`);
    if (reply.text)
      this.botSays(turn, { type: 'text', content: { text: reply.text } }, reply.sources);
    for (const s of reply.sources ?? [])
      if (!this.outcome.sources.some((o) => o.articleId === s.articleId))
        this.outcome.sources.push(s);
    for (const call of reply.toolCalls) {
      if (call.name === 'set_variable') this.outcome.variables[call.key] = call.value;
      else return this.handOff(turn, call.reason);
    }
  }

  private handOff(turn: number, reason: string) {
    this.outcome.handoff = { reason };
    this.note(turn, `Handed off to people: ${reason}.`);
  }
}
