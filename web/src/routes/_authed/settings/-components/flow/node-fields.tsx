import { FLOW_INPUTS } from '../../../../../../../shared/flow';
import { Field } from '../../../../../components/field';
import { SelectField, TextAreaField } from '../../../../../components/form-controls';
import { ConditionFields } from './condition-fields';
import type { EditorNode } from './graph-model';
import { errorsUnder, RowsEditor } from './rows-editor';

/*
 * The fields of each kind of node. Every change goes through `patch`, keyed by the field, so
 * typing into one field is one undo step. An optional field left empty is left out of the node
 * (zod's `optional`), so a blank retry message is no message rather than an invalid one.
 */

export type Patch = (fields: Record<string, unknown>, key: string) => void;
export interface KindProps {
  node: EditorNode;
  errors: Record<string, string>;
  patch: Patch;
  /** Names of this node's headers that hold a stored value. */
  sealed: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const rowsOf = (v: unknown) => (Array.isArray(v) ? (v as Record<string, string>[]) : []);

function Text(
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

function NumberField(p: KindProps & { field: string; label: string }) {
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

const CHOICE_COLUMNS = [
  { key: 'id', label: 'Id' },
  { key: 'title', label: 'Title' },
];

function MessageFields(p: KindProps) {
  const content = (p.node.content ?? { type: 'text' }) as Record<string, unknown>;
  const errors = errorsUnder(p.errors, 'content');
  const set = (fields: Record<string, unknown>, key: string) =>
    p.patch({ content: { ...content, ...fields } }, `content.${key}`);
  const type = str(content.type);
  return (
    <>
      <SelectField
        label="Sends"
        name="contentType"
        value={type}
        onChange={(e) => {
          const t = e.currentTarget.value;
          const text = str(content.text);
          const next: Record<string, Record<string, unknown>> = {
            text: { type: t, text },
            buttons: { type: t, text, buttons: [{ id: '1', title: '' }] },
            list: { type: t, text, button: 'Options', rows: [{ id: '1', title: '' }] },
            media: { type: t, mediaType: 'image', url: '' },
          };
          p.patch({ content: next[t] }, 'content.type');
        }}
      >
        <option value="text">Text</option>
        <option value="buttons">Text with reply buttons</option>
        <option value="list">Text with a list</option>
        <option value="media">Media</option>
      </SelectField>
      {type !== 'media' ? (
        <TextAreaField
          label="Text"
          name="text"
          rows={3}
          value={str(content.text)}
          error={errors.text}
          onChange={(e) => set({ text: e.currentTarget.value }, 'text')}
        />
      ) : (
        <>
          <SelectField
            label="Media type"
            name="mediaType"
            value={str(content.mediaType)}
            onChange={(e) => set({ mediaType: e.currentTarget.value }, 'mediaType')}
          >
            {['image', 'video', 'audio', 'document'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </SelectField>
          <Field
            label="Media URL"
            name="url"
            value={str(content.url)}
            error={errors.url}
            onChange={(e) => set({ url: e.currentTarget.value }, 'url')}
          />
          <Field
            label="Caption"
            name="caption"
            value={str(content.caption)}
            error={errors.caption}
            onChange={(e) => set({ caption: e.currentTarget.value || undefined }, 'caption')}
          />
        </>
      )}
      {type === 'buttons' && (
        <RowsEditor
          legend="Reply buttons"
          noun="button"
          columns={CHOICE_COLUMNS}
          rows={rowsOf(content.buttons)}
          max={3}
          blank={(i) => ({ id: String(i + 1), title: '' })}
          errors={errorsUnder(errors, 'buttons')}
          error={errors.buttons}
          onChange={(buttons) => set({ buttons }, 'buttons')}
        />
      )}
      {type === 'list' && (
        <>
          <Field
            label="List button"
            name="button"
            value={str(content.button)}
            error={errors.button}
            onChange={(e) => set({ button: e.currentTarget.value }, 'button')}
          />
          <RowsEditor
            legend="List rows"
            noun="row"
            columns={[...CHOICE_COLUMNS, { key: 'description', label: 'Description' }]}
            rows={rowsOf(content.rows)}
            max={10}
            blank={(i) => ({ id: String(i + 1), title: '' })}
            errors={errorsUnder(errors, 'rows')}
            error={errors.rows}
            onChange={(rows) =>
              set(
                {
                  rows: rows.map(({ description, ...r }) =>
                    description ? { ...r, description } : r,
                  ),
                },
                'rows',
              )
            }
          />
        </>
      )}
    </>
  );
}

function AskFields(p: KindProps) {
  const input = str(p.node.input);
  return (
    <>
      <Text {...p} field="prompt" label="Question" area />
      <Text {...p} field="variable" label="Store the answer in" hint="A variable name, e.g. nome" />
      <SelectField
        label="Answer type"
        name="input"
        value={input}
        onChange={(e) => p.patch({ input: e.currentTarget.value }, 'input')}
      >
        {FLOW_INPUTS.map((i) => (
          <option key={i}>{i}</option>
        ))}
      </SelectField>
      {input === 'choice' && (
        <RowsEditor
          legend="Choices"
          noun="choice"
          columns={CHOICE_COLUMNS}
          rows={rowsOf(p.node.choices)}
          max={10}
          blank={(i) => ({ id: String(i + 1), title: '' })}
          errors={errorsUnder(p.errors, 'choices')}
          error={p.errors.choices}
          onChange={(choices) => p.patch({ choices }, 'choices')}
        />
      )}
      <Text {...p} field="retryMessage" label="Retry message" optional area />
      <NumberField {...p} field="maxRetries" label="Retries at most" />
    </>
  );
}

function HttpFields(p: KindProps) {
  const headers = Object.entries((p.node.headers ?? {}) as Record<string, string>).map(
    ([name, value]) => ({ name, value }),
  );
  return (
    <>
      <SelectField
        label="Method"
        name="method"
        value={str(p.node.method)}
        onChange={(e) => p.patch({ method: e.currentTarget.value }, 'method')}
      >
        {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
          <option key={m}>{m}</option>
        ))}
      </SelectField>
      <Text {...p} field="url" label="URL" hint="May hold {{variable}} after the host" />
      <RowsEditor
        legend="Headers"
        noun="header"
        columns={[
          { key: 'name', label: 'Header' },
          // The server never sends a stored value back: blank keeps it.
          {
            key: 'value',
            label: 'Value',
            type: 'password',
            placeholder: 'Empty: keep the stored value',
          },
        ]}
        rows={headers}
        blank={() => ({ name: '', value: '' })}
        errors={{}}
        error={Object.values(errorsUnder(p.errors, 'headers'))[0] ?? p.errors.headers}
        onChange={(rows) =>
          p.patch({ headers: Object.fromEntries(rows.map((r) => [r.name, r.value])) }, 'headers')
        }
      />
      {p.sealed.length > 0 && (
        <p className="field-hint">Stored values kept for: {p.sealed.join(', ')}</p>
      )}
      <Text {...p} field="body" label="Body" optional area />
      <NumberField {...p} field="timeoutMs" label="Timeout (ms)" />
      <RowsEditor
        legend="Save from the answer"
        noun="saved field"
        columns={[
          { key: 'variable', label: 'Variable' },
          { key: 'path', label: 'JSON path' },
        ]}
        rows={rowsOf(p.node.save)}
        max={20}
        blank={() => ({ variable: '', path: '' })}
        errors={errorsUnder(p.errors, 'save')}
        onChange={(save) => p.patch({ save }, 'save')}
      />
    </>
  );
}

function ConditionNodeFields(p: KindProps) {
  const branches = Array.isArray(p.node.branches)
    ? (p.node.branches as { when?: unknown; next?: string }[])
    : [];
  const setBranches = (b: typeof branches) => p.patch({ branches: b }, 'branches');
  return (
    <>
      {branches.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: branches are known by their place
        <fieldset key={i} className="flow-rows">
          <legend>Branch {i + 1}</legend>
          <ConditionFields
            value={b.when as Record<string, unknown> | undefined}
            errors={errorsUnder(p.errors, `branches.${i}.when`)}
            onChange={(when) => setBranches(branches.map((x, j) => (j === i ? { ...x, when } : x)))}
          />
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label={`Remove branch ${i + 1}`}
            onClick={() => setBranches(branches.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </fieldset>
      ))}
      {p.errors.branches && <p className="field-error">{p.errors.branches}</p>}
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          setBranches([
            ...branches,
            { when: { on: 'variable', variable: '', op: 'equals', value: '' } },
          ])
        }
      >
        Add branch
      </button>
    </>
  );
}

function AiFields(p: KindProps) {
  return (
    <>
      <Text {...p} field="instructions" label="Instructions" optional area />
      <ConditionFields
        legend="Until"
        optional
        value={p.node.until as Record<string, unknown> | undefined}
        errors={errorsUnder(p.errors, 'until')}
        onChange={(until) => p.patch({ until }, 'until')}
      />
    </>
  );
}

export function KindFields(p: KindProps) {
  switch (p.node.kind) {
    case 'message':
      return <MessageFields {...p} />;
    case 'ask':
      return <AskFields {...p} />;
    case 'condition':
      return <ConditionNodeFields {...p} />;
    case 'set':
      return (
        <>
          <Text {...p} field="variable" label="Variable" />
          <Text {...p} field="value" label="Value" hint="May name other variables: {{nome}}" />
        </>
      );
    case 'http':
      return <HttpFields {...p} />;
    case 'ai':
      return <AiFields {...p} />;
    case 'handoff':
      return (
        <>
          <Text {...p} field="message" label="Message to the customer" optional area />
          <Text {...p} field="reason" label="Reason" optional />
          <Text {...p} field="tag" label="Only agents with the tag" optional />
        </>
      );
    case 'end':
      return <Text {...p} field="message" label="Closing message" optional area />;
  }
}
