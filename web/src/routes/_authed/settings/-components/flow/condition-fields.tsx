import { CHANNELS } from '../../../../../../../shared/enums';
import { Field } from '../../../../../components/field';
import { CheckboxField, SelectField } from '../../../../../components/form-controls';

interface Props {
  value: Record<string, unknown> | undefined;
  onChange: (when: Record<string, unknown> | undefined) => void;
  /** Field errors under the condition ("variable", "channels"). */
  errors: Record<string, string>;
  legend?: string;
  /** An `ai` node's `until` may be left out. */
  optional?: boolean;
}

const OPS = ['equals', 'not_equals', 'contains', 'exists', 'not_exists', 'gt', 'lt'];

/** One test of a condition branch (or an ai node's `until`): a variable, the channel, the hours. */
export function ConditionFields({ value, onChange, errors, legend, optional }: Props) {
  const on = typeof value?.on === 'string' ? value.on : '';
  const fresh: Record<string, Record<string, unknown>> = {
    variable: { on: 'variable', variable: '', op: 'equals', value: '' },
    channel: { on: 'channel', channels: ['WIDGET'] },
    business_hours: { on: 'business_hours', open: true },
  };
  const set = (fields: Record<string, unknown>) => onChange({ ...value, ...fields });
  const channels = Array.isArray(value?.channels) ? (value.channels as string[]) : [];
  const body = (
    <>
      <SelectField
        label="Tests"
        name="conditionOn"
        value={on}
        onChange={(e) => onChange(fresh[e.currentTarget.value])}
      >
        {optional && <option value="">Nothing (answers on)</option>}
        <option value="variable">A variable</option>
        <option value="channel">The channel</option>
        <option value="business_hours">Business hours</option>
      </SelectField>
      {on === 'variable' && (
        <>
          <Field
            label="Variable"
            name="conditionVariable"
            value={String(value?.variable ?? '')}
            error={errors.variable}
            onChange={(e) => set({ variable: e.currentTarget.value })}
          />
          <SelectField
            label="Operator"
            name="conditionOp"
            value={String(value?.op ?? 'equals')}
            onChange={(e) => set({ op: e.currentTarget.value })}
          >
            {OPS.map((op) => (
              <option key={op}>{op}</option>
            ))}
          </SelectField>
          {value?.op !== 'exists' && value?.op !== 'not_exists' && (
            <Field
              label="Value"
              name="conditionValue"
              value={String(value?.value ?? '')}
              error={errors.value}
              onChange={(e) => set({ value: e.currentTarget.value })}
            />
          )}
        </>
      )}
      {on === 'channel' && (
        <fieldset className="flow-rows" aria-label="Channels">
          {CHANNELS.map((c) => (
            <CheckboxField
              key={c}
              label={c}
              checked={channels.includes(c)}
              onChange={(e) =>
                set({
                  channels: e.currentTarget.checked
                    ? [...channels, c]
                    : channels.filter((x) => x !== c),
                })
              }
            />
          ))}
          {errors.channels && <p className="field-error">{errors.channels}</p>}
        </fieldset>
      )}
      {on === 'business_hours' && (
        <CheckboxField
          label="Within business hours (off: outside them)"
          checked={value?.open === true}
          onChange={(e) => set({ open: e.currentTarget.checked })}
        />
      )}
    </>
  );
  return legend ? (
    <fieldset className="flow-rows">
      <legend>{legend}</legend>
      {body}
    </fieldset>
  ) : (
    body
  );
}
