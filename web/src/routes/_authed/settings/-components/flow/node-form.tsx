import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FlowNodeId } from '../../../../../../../shared/flow';
import { Field } from '../../../../../components/field';
import { SelectField } from '../../../../../components/form-controls';
import { outLabel, zodIssueText } from './flow-texts';
import {
  type EditorGraph,
  type EditorNode,
  fieldErrors,
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
  const { t } = useTranslation('flows');
  const errors = fieldErrors(node, t);
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
          {t(`kinds.${node.kind}`)} <span className="code">{node.id}</span>
        </h3>
        {isStart ? (
          <span className="badge badge-success">{t('form.start')}</span>
        ) : (
          <button type="button" className="button button-small" onClick={onMakeStart}>
            {t('form.makeStart')}
          </button>
        )}
      </div>
      <IdField graph={graph} id={node.id} onRename={onRename} />
      <Field
        label={t('form.label')}
        name="label"
        value={typeof node.label === 'string' ? node.label : ''}
        error={errors.label}
        onChange={(e) => patch({ label: e.currentTarget.value || undefined }, 'label')}
      />
      <KindFields node={node} errors={errors} patch={patch} sealed={sealed} />
      {outFields(node).map((f) => (
        <SelectField
          key={f.handle}
          label={outLabel(t, f)}
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
          <option value="">{f.required ? t('form.chooseNode') : t('form.none')}</option>
          {graph.nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id}
              {typeof n.label === 'string' && n.label ? ` — ${n.label}` : ''}
            </option>
          ))}
        </SelectField>
      ))}
      <button type="button" className="button button-danger" onClick={onDelete}>
        {t('form.delete', { id: node.id })}
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
  const { t } = useTranslation('flows');
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
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    if (issue) return setError(zodIssueText(t, issue));
    if (graph.nodes.some((n) => n.id === to)) return setError(t('form.idTaken', { id: to }));
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
        label={t('form.id')}
        name="id"
        value={value}
        error={error}
        hint={t('form.idHint')}
        onChange={(e) => setValue(e.currentTarget.value)}
        onBlur={commit}
      />
    </form>
  );
}
