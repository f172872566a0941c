import { and, asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { db } from '../../server/db/client';
import {
  botTurns,
  chatbots,
  conversations,
  flows,
  flowVersions,
  messages,
} from '../../server/db/schema';
import { FlowGraph } from '../../shared/flow';
import { inboxWorkspace, sendAsCustomer, visitor } from '../helpers/inbox';
import { api } from '../helpers/server';
import { eventually } from '../helpers/worker';

/**
 * A chatbot's flow published as the flow engine reads it: rows written directly (the flows
 * store's publishing has its own tests), each call a new version that new conversations start
 * on. `chatbotUuid`: the id the chatbots router answers.
 */
export async function publishFlow(chatbotUuid: string, graph: FlowGraph) {
  const [bot] = await db.select().from(chatbots).where(eq(chatbots.uuid, chatbotUuid));
  if (!bot) throw new Error(`no chatbot ${chatbotUuid}`);
  const parsed = FlowGraph.parse(graph);
  const [flow] = await db
    .insert(flows)
    .values({ workspaceId: bot.workspaceId, chatbotId: bot.id, draft: parsed })
    .onConflictDoUpdate({ target: flows.chatbotId, set: { draft: parsed } })
    .returning();
  const [version] = await db
    .insert(flowVersions)
    .values({
      workspaceId: bot.workspaceId,
      flowId: flow!.id,
      version: sql`(select coalesce(max(version), 0) + 1 from flow_versions where flow_id = ${flow!.id})`,
      graph: parsed,
    })
    .returning();
  await db.update(flows).set({ publishedVersionId: version!.id }).where(eq(flows.id, flow!.id));
  return { chatbot: bot, flowId: flow!.id, versionId: version!.id };
}

/** A flow graph from its nodes (the first is the start), parsed so defaults apply. */
export const graphOf = (nodes: unknown[]): FlowGraph =>
  FlowGraph.parse({ start: (nodes[0] as { id: string }).id, nodes });

/** The bot's messages in a conversation, oldest first. */
export async function botMessages(conversationId: number) {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.origin, 'bot')))
    .orderBy(asc(messages.id));
}

export const conversationRow = async (uuid: string) =>
  (await db.select().from(conversations).where(eq(conversations.uuid, uuid)))[0]!;

/**
 * A workspace whose chatbot (AI off unless said: only the flow answers) has `graph` published,
 * one customer who writes over seed 001 on the server at `base`, and seed 002 reads.
 */
export async function flowWorkspace(
  base: string,
  graph: FlowGraph,
  options: { aiEnabled?: boolean; channel?: string } = {},
) {
  const ws = await inboxWorkspace({ aiEnabled: options.aiEnabled ?? false });
  const published = await publishFlow(ws.bot.id, graph);
  const user = options.channel ? `+5511${Date.now() % 1e9}` : visitor();
  const say = async (content: string, extra: Record<string, unknown> = {}) => {
    const res = await sendAsCustomer(base, ws.admin, {
      chatbotId: ws.bot.id,
      externalUserId: user,
      content,
      ...(options.channel ? { channel: options.channel } : {}),
      ...extra,
    });
    expect(res.status).toBe(202);
    return res.body.data.conversation.id as string;
  };
  /** Waits for the bot to have sent `n` messages in all and its turn to have ended. */
  const botSent = async (uuid: string, n: number) => {
    const c = await conversationRow(uuid);
    return eventually(async () => {
      const rows = await botMessages(c.id);
      const open = await db.select().from(botTurns).where(eq(botTurns.conversationId, c.id));
      return rows.length >= n && open.length === 0 ? rows : null;
    });
  };
  const get = (path: string) => api(base, 'GET', path, { token: ws.token });
  return { ...ws, ...published, say, botSent, get };
}
