import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowNodeKind } from '../../../../../../../shared/flow';
import { SelectField } from '../../../../../components/form-controls';
import { FlowCanvas } from './flow-canvas';
import { FlowToolbar } from './flow-toolbar';
import {
  type EditorGraph,
  type EditorNode,
  freshId,
  fromFlowGraph,
  NODE_KINDS,
  newNode,
  nextPosition,
  problemsOf,
  removeNodes,
  renameNode,
} from './graph-model';
import { NodeForm } from './node-form';
import { ProblemsPanel } from './problems-panel';
import { type ConsoleFlow, useFlowActions } from './use-flow-actions';
import { useHistory } from './use-history';
import { VersionsPanel } from './versions-panel';
import '../../../../../styles/flow-editor.css';

interface Props {
  chatbot: { id: string; name: string };
  flow: ConsoleFlow;
}

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/** A chatbot's flow: the graph, a palette, the selected node's form, problems and versions. */
export function FlowEditor({ chatbot, flow }: Props) {
  const { t } = useTranslation('flows');
  const history = useHistory(() => fromFlowGraph(flow.draft));
  const graph = history.present;
  const [saved, setSaved] = useState(() => JSON.stringify(fromFlowGraph(flow.draft)));
  const [sealed, setSealed] = useState(flow.sealedHeaders);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  /** Selects a node and moves the focus to it on the canvas (a problem's button does this). */
  const focusNode = (id: string) => {
    setSelectedId(id);
    requestAnimationFrame(() =>
      root.current
        ?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
        ?.focus(),
    );
  };
  const actions = useFlowActions({
    chatbotId: chatbot.id,
    graph,
    saved,
    onSaved: (f, g) => {
      setSaved(JSON.stringify(g));
      setSealed(f.sealedHeaders);
    },
    onImported: (g) => {
      history.set(g);
      setSelectedId(null);
    },
    select: focusNode,
  });

  const problems = useMemo(() => problemsOf(graph, sealed, t), [graph, sealed, t]);
  const problemsByNode = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of problems) if (p.nodeId) counts.set(p.nodeId, (counts.get(p.nodeId) ?? 0) + 1);
    return counts;
  }, [problems]);
  const selected = graph.nodes.find((n) => n.id === selectedId) ?? null;

  const { undo, redo } = history;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || typing(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
  // A leave with unsaved changes asks first (the browser's own prompt).
  useEffect(() => {
    if (!actions.dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [actions.dirty]);

  const add = (kind: FlowNodeKind) => {
    const id = freshId(graph, kind);
    history.set((g) => ({
      start: g.start || id,
      nodes: [...g.nodes, newNode(kind, id, nextPosition(g), t(`kinds.${kind}`))],
    }));
    setSelectedId(id);
  };
  const change = (node: EditorNode, key: string) =>
    history.set(
      (g: EditorGraph) => ({ ...g, nodes: g.nodes.map((n) => (n.id === node.id ? node : n)) }),
      key,
    );

  return (
    <div className="flow-editor" ref={root}>
      <FlowToolbar
        title={t('editor.title', { name: chatbot.name })}
        history={history}
        actions={actions}
        published={flow.publishedVersion}
      />
      <div className="flow-palette" role="toolbar" aria-label={t('palette.label')}>
        {NODE_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`button button-small flow-kind-${kind}`}
            aria-label={t(`palette.add.${kind}`)}
            onClick={() => add(kind)}
          >
            {t('palette.button', { kind: t(`kinds.${kind}`) })}
          </button>
        ))}
      </div>
      <div className="flow-main">
        <ReactFlowProvider>
          <FlowCanvas
            graph={graph}
            problemsByNode={problemsByNode}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onChange={history.set}
            onReplace={history.replace}
            onCheckpoint={history.checkpoint}
          />
        </ReactFlowProvider>
        <aside className="flow-side" aria-label={t('editor.details')}>
          <SelectField
            label={t('editor.editNode')}
            name="selectedNode"
            value={selectedId ?? ''}
            onChange={(e) => setSelectedId(e.currentTarget.value || null)}
          >
            <option value="">{t('editor.noneSelected')}</option>
            {graph.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
              </option>
            ))}
          </SelectField>
          {selected ? (
            <NodeForm
              key={selected.id}
              graph={graph}
              node={selected}
              sealed={sealed.filter((s) => s.nodeId === selected.id).map((s) => s.name)}
              onChange={change}
              onRename={(to) => {
                history.set((g) => renameNode(g, selected.id, to));
                setSelectedId(to);
              }}
              onMakeStart={() => history.set((g) => ({ ...g, start: selected.id }))}
              onDelete={() => {
                history.set((g) => removeNodes(g, new Set([selected.id])));
                setSelectedId(null);
              }}
            />
          ) : (
            <p className="muted">{t('editor.help')}</p>
          )}
          <ProblemsPanel problems={problems} refused={actions.refused} onPick={focusNode} />
          <VersionsPanel versions={flow.versions} published={flow.publishedVersion} />
        </aside>
      </div>
    </div>
  );
}
