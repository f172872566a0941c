import { FLOW_INPUTS } from '../../../../../../../shared/flow';
import { SelectField } from '../../../../../components/form-controls';
import { ConditionFields } from './condition-fields';
import { CHOICE_COLUMNS, type KindProps, NumberField, rowsOf, str, Text } from './field-kit';
import { MessageFields } from './message-fields';
import { errorsUnder, RowsEditor } from './rows-editor';

export type { Patch } from './field-kit';

/* The fields of each kind of node (the pieces: field-kit.tsx; a message's: message-fields.tsx). */

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
