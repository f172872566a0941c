import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowProblem } from '../../../../../../../shared/flow';
import { errorMessage } from '../../../../../lib/errors';
import { type RouterOutputs, trpc } from '../../../../../lib/trpc';
import { publishRefusalText } from './flow-texts';
import { type EditorGraph, fromFlowGraph, toFlowGraph } from './graph-model';

export type ConsoleFlow = RouterOutputs['flows']['get'];

interface Options {
  chatbotId: string;
  graph: EditorGraph;
  /** The graph as last saved (or loaded): what "unsaved changes" compares with. */
  saved: string;
  onSaved: (flow: ConsoleFlow, graph: EditorGraph) => void;
  /** An imported file's graph replaces what is drawn. */
  onImported: (graph: EditorGraph) => void;
  select: (nodeId: string) => void;
}

/** The problems a refused publish carries (server/trpc/init.ts: `data.flowProblems`). */
function refusedProblems(error: unknown): FlowProblem[] | null {
  if (!(error instanceof TRPCClientError)) return null;
  const problems = (error.data as { flowProblems?: FlowProblem[] } | undefined)?.flowProblems;
  return Array.isArray(problems) ? problems : null;
}

/**
 * Save, publish, unpublish, export and import. Publishing and exporting work on the stored
 * draft, so unsaved changes are saved first: what is published is what is drawn.
 */
export function useFlowActions({ chatbotId, graph, saved, onSaved, onImported, select }: Options) {
  const { t } = useTranslation('flows');
  const { t: tb } = useTranslation('botTests');
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<FlowProblem[] | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ chatbotId }) });
  const saveDraft = useMutation(trpc.flows.saveDraft.mutationOptions());
  const publish = useMutation(trpc.flows.publish.mutationOptions());
  const unpublish = useMutation(trpc.flows.unpublish.mutationOptions());
  const importJson = useMutation(trpc.flows.importJson.mutationOptions());
  const dirty = JSON.stringify(graph) !== saved;
  const busy =
    saveDraft.isPending || publish.isPending || unpublish.isPending || importJson.isPending;

  const run = async (what: () => Promise<void>) => {
    setError(null);
    try {
      await what();
    } catch (e) {
      // A refused publish's words are the server's English: said here in the console's.
      setError(publishRefusalText(t, tb, errorMessage(e)));
    }
  };

  /** Saves when there are changes; false when a node is unfinished (its fields say why). */
  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    const whole = toFlowGraph(graph);
    if ('unfinished' in whole) {
      setError(t('status.finish', { nodes: whole.unfinished.map((id) => `"${id}"`).join(', ') }));
      select(whole.unfinished[0]!);
      return false;
    }
    if (graph.nodes.length === 0) {
      setError(t('status.addFirst'));
      return false;
    }
    const flow = await saveDraft.mutateAsync({ chatbotId, graph: whole.graph });
    onSaved(flow, graph);
    setStatus(t('status.saved'));
    await refresh();
    return true;
  };

  return {
    dirty,
    busy,
    status,
    error,
    refused,
    save: () => run(async () => void (await save())),
    publish: () =>
      run(async () => {
        setRefused(null);
        if (!(await save())) return;
        try {
          const result = await publish.mutateAsync({ chatbotId });
          setStatus(t('status.published', { version: result.published.version }));
        } catch (e) {
          const problems = refusedProblems(e);
          if (!problems) throw e;
          setRefused(problems);
          setStatus(t('status.refused'));
          const first = problems.find((p) => p.nodeId)?.nodeId;
          if (first) select(first);
        }
        await refresh();
      }),
    unpublish: () =>
      run(async () => {
        await unpublish.mutateAsync({ chatbotId });
        setStatus(t('status.unpublished'));
        await refresh();
      }),
    exportJson: () =>
      run(async () => {
        if (!(await save())) return;
        const document = await queryClient.fetchQuery({
          ...trpc.flows.exportJson.queryOptions({ chatbotId }),
          staleTime: 0,
        });
        const url = URL.createObjectURL(
          new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }),
        );
        const link = Object.assign(window.document.createElement('a'), {
          href: url,
          download: `flow-${chatbotId}.json`,
        });
        link.click();
        URL.revokeObjectURL(url);
        setStatus(t('status.exported'));
      }),
    importFile: (file: File) =>
      run(async () => {
        let document: unknown;
        try {
          document = JSON.parse(await file.text());
        } catch {
          throw new Error(t('status.notJson', { file: file.name }));
        }
        const flow = await importJson.mutateAsync({
          chatbotId,
          document: document as Parameters<typeof importJson.mutateAsync>[0]['document'],
        });
        const imported = fromFlowGraph(flow.draft);
        onImported(imported);
        onSaved(flow, imported);
        setStatus(t('status.imported', { file: file.name }));
        await refresh();
      }),
  };
}
