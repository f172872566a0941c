import { Field } from '../../../../../components/field';
import { TextAreaField } from '../../../../../components/form-controls';
import type { FlowsT } from './flow-texts';
import type { EditorNode } from './graph-model';

/*
 * What every kind's fields are made of (node-fields.tsx, message-fields.tsx). Every change goes
 * through `patch`, keyed by the field, so typing into one field is one undo step. An optional
 * field left empty is left out of the node (zod's `optional`), so a blank retry message is no
 * message rather than an invalid one.
 */

export type Patch = (fields: Record<string, unknown>, key: string) => void;
export interface KindProps {
  node: EditorNode;
  errors: Record<string, string>;
  patch: Patch;
  /** Names of this node's headers that hold a stored value. */
  sealed: string[];
}

export const str = (v: unknown) => (typeof v === 'string' ? v : '');
export const rowsOf = (v: unknown) => (Array.isArray(v) ? (v as Record<string, string>[]) : []);

export function Text(
  p: KindProps & {
    field: string;
    label: string;
    optional?: boolean;
    area?: boolean;
    hint?: string;
  },
) {
  const value = str(p.node[p.field]);
  const onChange = (v: string) =>
    p.patch({ [p.field]: p.optional && v === '' ? undefined : v }, p.field);
  const common = { label: p.label, name: p.field, value, error: p.errors[p.field], hint: p.hint };
  return p.area ? (
    <TextAreaField {...common} rows={3} onChange={(e) => onChange(e.currentTarget.value)} />
  ) : (
    <Field {...common} onChange={(e) => onChange(e.currentTarget.value)} />
  );
}

export function NumberField(p: KindProps & { field: string; label: string }) {
  return (
    <Field
      label={p.label}
      name={p.field}
      type="number"
      value={typeof p.node[p.field] === 'number' ? String(p.node[p.field]) : ''}
      error={p.errors[p.field]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        p.patch({ [p.field]: v === '' ? undefined : Number(v) }, p.field);
      }}
    />
  );
}

/** A reply button's or a list row's columns. */
export const choiceColumns = (t: FlowsT) => [
  { key: 'id', label: t('choice.id') },
  { key: 'title', label: t('choice.title') },
];
