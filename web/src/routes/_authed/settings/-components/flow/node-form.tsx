import { type FormEvent, useEffect, useState } from 'react';
import { FlowNodeId } from '../../../../../../../shared/flow';
import { Field } from '../../../../../components/field';
import { SelectField } from '../../../../../components/form-controls';
import {
  type EditorGraph,
  type EditorNode,
  fieldErrors,
  KIND_LABEL,
  outFields,
  targetOf,
  withTarget,
} from './graph-model';
import { KindFields, type Patch } from './node-fields';

interface Props {
  graph: EditorGraph;
  node: EditorNode;
  sealed: string[];
  /** A change to this node; `key` names the field, so typing in it is one undo step. */
  onChange: (node: EditorNode, key: string) => void;
  onRename: (to: string) => void;
  onMakeStart: () => void;
  onDelete: () => void;
}

/**
 * The selected node's form. Field errors are the shared zod schema's own messages (`FlowNode`),
 * shown under each field as soon as the node is edited; the ways out are plain selects, so an
 * edge can be drawn without a mouse.
 */
export function NodeForm({
  graph,
  node,
  sealed,
  onChange,
  onRename,
  onMakeStart,
  onDelete,
}: Props) {
  const errors = fieldErrors(node);
  const patch: Patch = (fields, key) => {
    const next: EditorNode = { ...node };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    onChange(next, `${node.id}.${key}`);
  };
  const isStart = graph.start === node.id;
  return (
    <section className="flow-form" aria-labelledby="flow-form-title">
      <div className="flow-form-head">
        <h3 id="flow-form-title">
          {KIND_LABEL[node.kind]} <span className="code">{node.id}</span>
        </h3>
        {isStart ? (
          <span className="badge badge-success">Start node</span>
        ) : (
          <button type="button" className="button button-small" onClick={onMakeStart}>
            Make start node
          </button>
        )}
      </div>
      <IdField graph={graph} id={node.id} onRename={onRename} />
      <Field
        label="Label"
        name="label"
        value={typeof node.label === 'string' ? node.label : ''}
        error={errors.label}
        onChange={(e) => patch({ label: e.currentTarget.value || undefined }, 'label')}
      />
      <KindFields node={node} errors={errors} patch={patch} sealed={sealed} />
      {outFields(node).map((f) => (
        <SelectField
          key={f.handle}
          label={f.label}
          name={f.handle}
          value={targetOf(node, f.handle) ?? ''}
          error={
            errors[f.handle.startsWith('branch-') ? `branches.${f.handle.slice(7)}.next` : f.handle]
          }
          onChange={(e) =>
            onChange(
              withTarget(node, f.handle, e.currentTarget.value || undefined),
              `${node.id}.${f.handle}`,
            )
          }
        >
          <option value="">{f.required ? 'Choose a node…' : 'None'}</option>
          {graph.nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id}
              {typeof n.label === 'string' && n.label ? ` — ${n.label}` : ''}
            </option>
          ))}
        </SelectField>
      ))}
      <button type="button" className="button button-danger" onClick={onDelete}>
        Delete node {node.id}
      </button>
    </section>
  );
}

/** The id, renamed when the field is left or Enter pressed, and only to a free, valid id. */
function IdField({
  graph,
  id,
  onRename,
}: {
  graph: EditorGraph;
  id: string;
  onRename: (to: string) => void;
}) {
  const [value, setValue] = useState(id);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setValue(id);
    setError(undefined);
  }, [id]);
  const commit = () => {
    const to = value.trim();
    if (to === id) return setError(undefined);
    const parsed = FlowNodeId.safeParse(to);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    if (graph.nodes.some((n) => n.id === to)) return setError(`A node "${to}" exists already`);
    setError(undefined);
    onRename(to);
  };
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        commit();
      }}
    >
      <Field
        label="Id"
        name="id"
        value={value}
        error={error}
        hint="What the conversation's current node shows; renaming updates every edge"
        onChange={(e) => setValue(e.currentTarget.value)}
        onBlur={commit}
      />
    </form>
  );
}
