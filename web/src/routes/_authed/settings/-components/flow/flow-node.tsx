import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { outLabel } from './flow-texts';
import { type EditorNode, outFields } from './graph-model';

export type FlowNodeData = {
  node: EditorNode;
  isStart: boolean;
  problems: number;
};
export type DrawnNode = Node<FlowNodeData, 'step'>;

/**
 * One node on the canvas: its kind, label and id, a start mark, a badge counting its problems,
 * one target handle on top and one source handle per way out (each a field of the node).
 */
export const FlowNodeCard = memo(function FlowNodeCard({ data, selected }: NodeProps<DrawnNode>) {
  const { t } = useTranslation('flows');
  const { node, isStart, problems } = data;
  const outs = outFields(node);
  return (
    <div
      className={`flow-node flow-node-${node.kind}${selected ? ' is-selected' : ''}${problems ? ' has-problems' : ''}`}
    >
      <Handle type="target" position={Position.Top} aria-label={t('node.into', { id: node.id })} />
      <div className="flow-node-head">
        <span className="flow-node-kind">{t(`kinds.${node.kind}`)}</span>
        {isStart && <span className="badge badge-success">{t('node.start')}</span>}
        {problems > 0 && (
          <span className="badge badge-danger" title={t('node.problems', { count: problems })}>
            {t('node.problems', { count: problems })}
          </span>
        )}
      </div>
      <div className="flow-node-label">
        {typeof node.label === 'string' && node.label ? node.label : '—'}
      </div>
      <div className="flow-node-id">{node.id}</div>
      {outs.length > 0 && (
        <div className="flow-node-outs">
          {outs.map((f) => (
            <div key={f.handle} className="flow-node-out">
              <span>{outLabel(t, f)}</span>
              <Handle
                type="source"
                id={f.handle}
                position={Position.Bottom}
                aria-label={t('node.out', { out: outLabel(t, f), id: node.id })}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
