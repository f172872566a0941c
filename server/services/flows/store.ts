import { and, desc, eq, max } from 'drizzle-orm';
import type { z } from 'zod';
import { FLOW_DOCUMENT_FORMAT, FlowDocument, FlowGraph } from '../../../shared/flow';
import { type Actor, requireRole } from '../../auth/actor';
import { type DbOrTx, db } from '../../db/client';
import { type Chatbot, chatbots, type Flow, flows, flowVersions, users } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { assertSuitePasses } from '../bot-tests/publish-gate';
import { findChatbot } from '../chatbots';
import { blankHeaders, sealGraph } from './secrets';
import { FlowProblemsError, publishProblems } from './validate';

/*
 * A chatbot's flow (issue 21): one draft an admin edits freely (only its shape is checked) and
 * published versions that never change, so a conversation finishes on the version it started
 * on. Publishing validates the draft and copies it into version max + 1. Everyone in the
 * workspace reads; admins write, as for the chatbot itself.
 */

export interface FlowVersionSummary {
  id: number;
  version: number;
  publishedAt: Date;
  publishedBy: string | null;
}

/** A chatbot's flow as the console shows it (graphs still sealed: presenters blank them). */
export interface FlowDetail {
  chatbot: Chatbot;
  flow: Flow | null;
  publishedVersion: number | null;
  versions: FlowVersionSummary[];
}

async function flowOf(chatbotId: number, tx: DbOrTx, lock = false) {
  const query = tx.select().from(flows).where(eq(flows.chatbotId, chatbotId));
  // Not `for update`: a conversation's foreign key to the chatbot must not wait for an editor.
  const [row] = lock ? await query.for('no key update') : await query;
  return row ?? null;
}

async function detail(chatbot: Chatbot, flow: Flow | null, tx: DbOrTx): Promise<FlowDetail> {
  if (!flow) return { chatbot, flow, publishedVersion: null, versions: [] };
  const versions = await tx
    .select({
      id: flowVersions.id,
      version: flowVersions.version,
      publishedAt: flowVersions.publishedAt,
      publishedBy: users.name,
    })
    .from(flowVersions)
    .leftJoin(users, eq(users.id, flowVersions.publishedBy))
    .where(and(eq(flowVersions.flowId, flow.id), eq(flowVersions.workspaceId, flow.workspaceId)))
    .orderBy(desc(flowVersions.version));
  const published = versions.find((v) => v.id === flow.publishedVersionId);
  return { chatbot, flow, publishedVersion: published?.version ?? null, versions };
}

export async function getFlow(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
): Promise<FlowDetail> {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  return detail(chatbot, await flowOf(chatbot.id, tx), tx);
}

/** Writes the draft, sealing header values (blank ones keep what is stored). */
async function writeDraft(
  actor: Actor,
  chatbotRef: string | number,
  graph: FlowGraph,
  blank: 'keep' | 'drop',
  tx: DbOrTx,
): Promise<FlowDetail> {
  requireRole(actor, 'admin');
  return tx.transaction(async (t) => {
    const chatbot = await findChatbot(actor.workspaceId, chatbotRef, t);
    // Two first saves of one chatbot take turns, so the second finds the first's row.
    await t
      .select({ id: chatbots.id })
      .from(chatbots)
      .where(eq(chatbots.id, chatbot.id))
      .for('no key update');
    const stored = await flowOf(chatbot.id, t, true);
    // An imported file may be an older export: its secrets may live on in a version only.
    const versions =
      stored && blank === 'drop'
        ? await t
            .select({ graph: flowVersions.graph })
            .from(flowVersions)
            .where(eq(flowVersions.flowId, stored.id))
            .orderBy(desc(flowVersions.version))
        : [];
    const sources = stored ? [stored.draft, ...versions.map((v) => v.graph)] : [];
    const draft = sealGraph(graph, sources, blank);
    const [row] = stored
      ? await t
          .update(flows)
          .set({ draft, updatedAt: new Date() })
          .where(eq(flows.id, stored.id))
          .returning()
      : await t
          .insert(flows)
          .values({ workspaceId: actor.workspaceId, chatbotId: chatbot.id, draft })
          .returning();
    return detail(chatbot, row!, t);
  });
}

/** Saves the draft: any graph of the right shape, finished or not (publishing checks the rest). */
export async function saveDraft(
  actor: Actor,
  chatbotRef: string | number,
  graph: z.input<typeof FlowGraph>,
  tx: DbOrTx = db,
): Promise<FlowDetail> {
  return writeDraft(actor, chatbotRef, FlowGraph.parse(graph), 'keep', tx);
}

/**
 * Publishes the draft as version max + 1 and makes it the one new conversations start on, or
 * refuses with every problem the validator finds (FlowProblemsError).
 */
export async function publishFlow(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
): Promise<FlowDetail & { published: FlowVersionSummary }> {
  requireRole(actor, 'admin');
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  const tested = await flowOf(chatbot.id, tx);
  if (!tested) throw new AppError('BAD_REQUEST', 'This chatbot has no flow to publish');
  const problems = publishProblems(tested.draft);
  if (problems.length > 0) throw new FlowProblemsError(problems);
  // The suite (when the chatbot requires it) may wait on a model for seconds: it runs before the
  // transaction, so no lock and no pooled connection is held meanwhile; the transaction then
  // publishes only the draft that was tested.
  await assertSuitePasses(actor, chatbot.id, tx);
  return tx.transaction(async (t) => {
    const flow = await flowOf(chatbot.id, t, true);
    if (!flow) throw new AppError('BAD_REQUEST', 'This chatbot has no flow to publish');
    if (flow.updatedAt.getTime() !== tested.updatedAt.getTime())
      throw new AppError('CONFLICT', 'The flow changed while it was being checked; publish again');
    const [last] = await t
      .select({ version: max(flowVersions.version) })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flow.id));
    const [version] = await t
      .insert(flowVersions)
      .values({
        workspaceId: actor.workspaceId,
        flowId: flow.id,
        version: (last?.version ?? 0) + 1,
        graph: flow.draft,
        publishedBy: actor.userId,
      })
      .returning();
    const [row] = await t
      .update(flows)
      .set({ publishedVersionId: version!.id, updatedAt: new Date() })
      .where(eq(flows.id, flow.id))
      .returning();
    const result = await detail(chatbot, row!, t);
    return { ...result, published: result.versions.find((v) => v.id === version!.id)! };
  });
}

/** New conversations start with no flow; those on a version finish on it. */
export async function unpublishFlow(
  actor: Actor,
  chatbotRef: string | number,
  tx: DbOrTx = db,
): Promise<FlowDetail> {
  requireRole(actor, 'admin');
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  const [row] = await tx
    .update(flows)
    .set({ publishedVersionId: null, updatedAt: new Date() })
    .where(and(eq(flows.chatbotId, chatbot.id), eq(flows.workspaceId, actor.workspaceId)))
    .returning();
  return detail(chatbot, row ?? null, tx);
}

/** One published version (its graph still sealed). */
export async function getFlowVersion(
  actor: Actor,
  chatbotRef: string | number,
  version: number,
  tx: DbOrTx = db,
): Promise<FlowVersionSummary & { graph: FlowGraph }> {
  const chatbot = await findChatbot(actor.workspaceId, chatbotRef, tx);
  const [row] = await tx
    .select({
      id: flowVersions.id,
      version: flowVersions.version,
      publishedAt: flowVersions.publishedAt,
      publishedBy: users.name,
      graph: flowVersions.graph,
    })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .leftJoin(users, eq(users.id, flowVersions.publishedBy))
    .where(
      and(
        eq(flows.chatbotId, chatbot.id),
        eq(flowVersions.workspaceId, actor.workspaceId),
        eq(flowVersions.version, version),
      ),
    );
  if (!row) throw notFound('Flow version');
  return row;
}

/** The draft (or a version) as a file to download: header values are never in it. */
export async function exportFlow(
  actor: Actor,
  chatbotRef: string | number,
  version?: number,
  tx: DbOrTx = db,
): Promise<FlowDocument> {
  let graph: FlowGraph;
  if (version !== undefined) graph = (await getFlowVersion(actor, chatbotRef, version, tx)).graph;
  else {
    const { flow } = await getFlow(actor, chatbotRef, tx);
    if (!flow) throw notFound('Flow');
    graph = flow.draft;
  }
  return { format: FLOW_DOCUMENT_FORMAT, version: 1, graph: blankHeaders(graph) };
}

/**
 * Replaces the draft with a file's graph. The file has no header values: a header keeps the
 * value stored for the same node id and name (in the draft, else the newest version that has
 * one), and one with nothing stored is left out.
 */
export async function importFlow(
  actor: Actor,
  chatbotRef: string | number,
  document: unknown,
  tx: DbOrTx = db,
): Promise<FlowDetail> {
  requireRole(actor, 'admin');
  const { graph } = FlowDocument.parse(document);
  return writeDraft(actor, chatbotRef, graph, 'drop', tx);
}
