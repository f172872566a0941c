import {
  type AriaLabelConfig,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MarkerType,
  type NodeChange,
  ReactFlow,
} from '@xyflow/react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '@xyflow/react/dist/style.css';
import { type DrawnNode, FlowNodeCard } from './flow-node';
import { outLabel } from './flow-texts';
import { type EditorGraph, edgesOf, removeNodes, withTarget } from './graph-model';
import type { Update } from './use-history';
import { useKeepInView } from './use-keep-in-view';

const NODE_TYPES = { step: FlowNodeCard };

interface Props {
  graph: EditorGraph;
  problemsByNode: Map<string, number>;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** A change that is one undo step (`key`: coalesce with the last change of that key). */
  onChange: (next: Update<EditorGraph>, key?: string) => void;
  /** A change inside a step already taken (a node moving under the pointer). */
  onReplace: (next: Update<EditorGraph>) => void;
  onCheckpoint: () => void;
}

const edgeId = (from: string, handle: string) => `${from}:${handle}`;
const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
type Direction = (typeof DIRECTIONS)[number];

/**
 * The graph drawn with @xyflow/react, controlled by the editor's graph: nodes and edges are
 * derived from it on every render, and every gesture (a move, a connection, a deletion) is
 * turned back into a change of the nodes' fields.
 */
export function FlowCanvas({
  graph,
  problemsByNode,
  selectedId,
  onSelect,
  onChange,
  onReplace,
  onCheckpoint,
}: Props) {
  const { t } = useTranslation('flows');
  // Measured sizes live here, not in the graph: they are the browser's, not the flow's.
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const dragActive = useRef(false);
  useKeepInView(selectedId, selectedId ? measured[selectedId] : undefined);
  // The canvas's own words (its keyboard help, its controls), in the console's language.
  const ariaLabelConfig: Partial<AriaLabelConfig> = useMemo(
    () => ({
      'node.a11yDescription.default': t('canvas.a11y.nodeDescription'),
      'node.a11yDescription.keyboardDisabled': t('canvas.a11y.nodeDescriptionKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
        t('canvas.a11y.moved', {
          direction: DIRECTIONS.includes(direction as Direction)
            ? t(`canvas.a11y.directions.${direction as Direction}`)
            : direction,
          x,
          y,
        }),
      'edge.a11yDescription.default': t('canvas.a11y.edgeDescription'),
      'controls.ariaLabel': t('canvas.a11y.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.a11y.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.a11y.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.a11y.fitView'),
      'controls.interactive.ariaLabel': t('canvas.a11y.interactive'),
      'minimap.ariaLabel': t('canvas.a11y.minimap'),
      'handle.ariaLabel': t('canvas.a11y.handle'),
    }),
    [t],
  );

  const nodes: DrawnNode[] = useMemo(
    () =>
      graph.nodes.map((node) => ({
        id: node.id,
        type: 'step',
        position: node.position,
        data: {
          node,
          isStart: node.id === graph.start,
          problems: problemsByNode.get(node.id) ?? 0,
        },
        selected: node.id === selectedId,
        measured: measured[node.id],
        ariaLabel: [
          t('canvas.node', { kind: t(`kindNames.${node.kind}`), id: node.id }),
          typeof node.label === 'string' && node.label
            ? t('canvas.nodeLabel', { label: node.label })
            : '',
          node.id === graph.start ? t('canvas.nodeStart') : '',
          problemsByNode.get(node.id)
            ? t('canvas.nodeProblems', { count: problemsByNode.get(node.id) })
            : '',
        ].join(''),
      })),
    [graph, problemsByNode, selectedId, measured, t],
  );
  const edges: Edge[] = useMemo(
    () =>
      edgesOf(graph).map((e) => ({
        id: edgeId(e.from, e.handle),
        source: e.from,
        sourceHandle: e.handle,
        target: e.to,
        label: outLabel(t, e.out),
        selected: edgeId(e.from, e.handle) === selectedEdge,
        markerEnd: { type: MarkerType.ArrowClosed },
        ariaLabel: t('canvas.edge', { out: outLabel(t, e.out), from: e.from, to: e.to }),
      })),
    [graph, selectedEdge, t],
  );

  const onNodesChange = (changes: NodeChange<DrawnNode>[]) => {
    const sizes: Record<string, { width: number; height: number }> = {};
    const moves = new Map<string, { x: number; y: number }>();
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = c.dimensions;
      if (c.type === 'position' && c.position) moves.set(c.id, c.position);
      if (c.type === 'select') {
        if (c.selected) onSelect(c.id);
        else if (c.id === selectedId) onSelect(null);
      }
    }
    if (Object.keys(sizes).length > 0) setMeasured((m) => ({ ...m, ...sizes }));
    if (moves.size > 0) {
      const move = (g: EditorGraph) => ({
        ...g,
        nodes: g.nodes.map((n) => {
          const p = moves.get(n.id);
          return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
        }),
      });
      // A drag took its undo step when it started; arrow keys make one per run of presses.
      if (dragActive.current) onReplace(move);
      else onChange(move, `move:${[...moves.keys()].join(',')}`);
    }
  };
  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const c of changes)
      if (c.type === 'select') setSelectedEdge((s) => (c.selected ? c.id : s === c.id ? null : s));
  };
  const onConnect = (c: Connection) => {
    if (!c.sourceHandle) return;
    const handle = c.sourceHandle;
    onChange((g) => ({
      ...g,
      nodes: g.nodes.map((n) => (n.id === c.source ? withTarget(n, handle, c.target) : n)),
    }));
  };
  const onDelete = ({ nodes: gone, edges: cut }: { nodes: DrawnNode[]; edges: Edge[] }) => {
    onChange((g) => {
      let next = g;
      for (const e of cut)
        next = {
          ...next,
          nodes: next.nodes.map((n) =>
            n.id === e.source && e.sourceHandle ? withTarget(n, e.sourceHandle, undefined) : n,
          ),
        };
      return gone.length ? removeNodes(next, new Set(gone.map((n) => n.id))) : next;
    });
    if (gone.some((n) => n.id === selectedId)) onSelect(null);
  };

  return (
    <div className="flow-canvas">
      <ReactFlow<DrawnNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onNodeDragStart={() => {
          dragActive.current = true;
          onCheckpoint();
        }}
        onNodeDragStop={() => {
          // The drag's last position change comes before this.
          dragActive.current = false;
        }}
        onPaneClick={() => onSelect(null)}
        deleteKeyCode={['Delete', 'Backspace']}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: false }}
        aria-label={t('canvas.label')}
        ariaLabelConfig={ariaLabelConfig}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
