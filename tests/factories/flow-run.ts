import { eq, sql } from 'drizzle-orm';
import { db } from '../../server/db/client';
import { chatbots, flows, flowVersions } from '../../server/db/schema';
import { FlowGraph } from '../../shared/flow';

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
