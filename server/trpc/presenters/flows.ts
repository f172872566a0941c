import type { FlowGraph } from '../../../shared/flow';
import { blankHeaders, sealedHeaderNames } from '../../services/flows/secrets';
import type { FlowDetail, FlowVersionSummary } from '../../services/flows/store';

/*
 * A flow for the console's editor. Graphs go out with every http header value blank (the
 * editor sends blanks back to keep them); `sealedHeaders` says which headers hold a value.
 */

const presentVersion = (v: FlowVersionSummary) => ({
  version: v.version,
  publishedAt: v.publishedAt.toISOString(),
  publishedBy: v.publishedBy,
});

export function presentFlow(d: FlowDetail) {
  return {
    chatbotId: d.chatbot.uuid,
    draft: d.flow ? blankHeaders(d.flow.draft) : null,
    sealedHeaders: d.flow ? sealedHeaderNames(d.flow.draft) : [],
    draftUpdatedAt: d.flow?.updatedAt.toISOString() ?? null,
    publishedVersion: d.publishedVersion,
    versions: d.versions.map(presentVersion),
  };
}
export type ConsoleFlow = ReturnType<typeof presentFlow>;

export const presentFlowVersion = (v: FlowVersionSummary & { graph: FlowGraph }) => ({
  ...presentVersion(v),
  graph: blankHeaders(v.graph),
});
