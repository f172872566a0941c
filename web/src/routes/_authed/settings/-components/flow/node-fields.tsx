import { useTranslation } from 'react-i18next';
import { FLOW_INPUTS } from '../../../../../../../shared/flow';
import { SelectField } from '../../../../../components/form-controls';
import { ConditionFields } from './condition-fields';
import { choiceColumns, type KindProps, NumberField, rowsOf, str, Text } from './field-kit';
import { MessageFields } from './message-fields';
import { errorsUnder, RowsEditor } from './rows-editor';

export type { Patch } from './field-kit';

/* The fields of each kind of node (the pieces: field-kit.tsx; a message's: message-fields.tsx). */

function AskFields(p: KindProps) {
  const { t } = useTranslation('flows');
  const input = str(p.node.input);
  return (
    <>
      <Text {...p} field="prompt" label={t('ask.question')} area />
      <Text {...p} field="variable" label={t('ask.variable')} hint={t('ask.variableHint')} />
      <SelectField
        label={t('ask.input')}
        name="input"
        value={input}
        onChange={(e) => p.patch({ input: e.currentTarget.value }, 'input')}
      >
        {FLOW_INPUTS.map((i) => (
          <option key={i} value={i}>
            {t(`ask.inputs.${i}`)}
          </option>
        ))}
      </SelectField>
      {input === 'choice' && (
        <RowsEditor
          legend={t('ask.choices')}
          noun={t('ask.choiceNoun')}
          columns={choiceColumns(t)}
          rows={rowsOf(p.node.choices)}
          max={10}
          blank={(i) => ({ id: String(i + 1), title: '' })}
          errors={errorsUnder(p.errors, 'choices')}
          error={p.errors.choices}
          onChange={(choices) => p.patch({ choices }, 'choices')}
        />
      )}
      <Text {...p} field="retryMessage" label={t('ask.retryMessage')} optional area />
      <NumberField {...p} field="maxRetries" label={t('ask.maxRetries')} />
    </>
  );
}

function HttpFields(p: KindProps) {
  const { t } = useTranslation('flows');
  const headers = Object.entries((p.node.headers ?? {}) as Record<string, string>).map(
    ([name, value]) => ({ name, value }),
  );
  return (
    <>
      <SelectField
        label={t('http.method')}
        name="method"
        value={str(p.node.method)}
        onChange={(e) => p.patch({ method: e.currentTarget.value }, 'method')}
      >
        {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
          <option key={m}>{m}</option>
        ))}
      </SelectField>
      <Text
        {...p}
        field="url"
        label={t('http.url')}
        hint={t('http.urlHint', { placeholder: '{{variable}}' })}
      />
      <RowsEditor
        legend={t('http.headers')}
        noun={t('http.headerNoun')}
        columns={[
          { key: 'name', label: t('http.header') },
          // The server never sends a stored value back: blank keeps it.
          {
            key: 'value',
            label: t('http.value'),
            type: 'password',
            placeholder: t('http.keepStored'),
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
        <p className="field-hint">{t('http.sealed', { names: p.sealed.join(', ') })}</p>
      )}
      <Text {...p} field="body" label={t('http.body')} optional area />
      <NumberField {...p} field="timeoutMs" label={t('http.timeout')} />
      <RowsEditor
        legend={t('http.save')}
        noun={t('http.saveNoun')}
        columns={[
          { key: 'variable', label: t('http.variable') },
          { key: 'path', label: t('http.path') },
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
  const { t } = useTranslation('flows');
  const branches = Array.isArray(p.node.branches)
    ? (p.node.branches as { when?: unknown; next?: string }[])
    : [];
  const setBranches = (b: typeof branches) => p.patch({ branches: b }, 'branches');
  return (
    <>
      {branches.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: branches are known by their place
        <fieldset key={i} className="flow-rows">
          <legend>{t('condition.branch', { n: i + 1 })}</legend>
          <ConditionFields
            value={b.when as Record<string, unknown> | undefined}
            errors={errorsUnder(p.errors, `branches.${i}.when`)}
            onChange={(when) => setBranches(branches.map((x, j) => (j === i ? { ...x, when } : x)))}
          />
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label={t('condition.removeBranch', { n: i + 1 })}
            onClick={() => setBranches(branches.filter((_, j) => j !== i))}
          >
            {t('condition.remove')}
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
        {t('condition.addBranch')}
      </button>
    </>
  );
}

function AiFields(p: KindProps) {
  const { t } = useTranslation('flows');
  return (
    <>
      <Text {...p} field="instructions" label={t('ai.instructions')} optional area />
      <ConditionFields
        legend={t('ai.until')}
        optional
        value={p.node.until as Record<string, unknown> | undefined}
        errors={errorsUnder(p.errors, 'until')}
        onChange={(until) => p.patch({ until }, 'until')}
      />
    </>
  );
}

export function KindFields(p: KindProps) {
  const { t } = useTranslation('flows');
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
          <Text {...p} field="variable" label={t('set.variable')} />
          <Text
            {...p}
            field="value"
            label={t('set.value')}
            hint={t('set.valueHint', { example: '{{nome}}' })}
          />
        </>
      );
    case 'http':
      return <HttpFields {...p} />;
    case 'ai':
      return <AiFields {...p} />;
    case 'handoff':
      return (
        <>
          <Text {...p} field="message" label={t('handoff.message')} optional area />
          <Text {...p} field="reason" label={t('handoff.reason')} optional />
          <Text {...p} field="tag" label={t('handoff.tag')} optional />
        </>
      );
    case 'end':
      return <Text {...p} field="message" label={t('end.message')} optional area />;
  }
}
