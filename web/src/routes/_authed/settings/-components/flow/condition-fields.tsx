import { useTranslation } from 'react-i18next';
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

const OPS = ['equals', 'not_equals', 'contains', 'exists', 'not_exists', 'gt', 'lt'] as const;
const TESTS = ['variable', 'channel', 'business_hours'] as const;

/** One test of a condition branch (or an ai node's `until`): a variable, the channel, the hours. */
export function ConditionFields({ value, onChange, errors, legend, optional }: Props) {
  const { t } = useTranslation('flows');
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
        label={t('condition.tests')}
        name="conditionOn"
        value={on}
        onChange={(e) => onChange(fresh[e.currentTarget.value])}
      >
        {optional && <option value="">{t('condition.nothing')}</option>}
        {TESTS.map((test) => (
          <option key={test} value={test}>
            {t(`condition.on.${test}`)}
          </option>
        ))}
      </SelectField>
      {on === 'variable' && (
        <>
          <Field
            label={t('condition.variable')}
            name="conditionVariable"
            value={String(value?.variable ?? '')}
            error={errors.variable}
            onChange={(e) => set({ variable: e.currentTarget.value })}
          />
          <SelectField
            label={t('condition.operator')}
            name="conditionOp"
            value={String(value?.op ?? 'equals')}
            onChange={(e) => set({ op: e.currentTarget.value })}
          >
            {OPS.map((op) => (
              <option key={op} value={op}>
                {t(`condition.ops.${op}`)}
              </option>
            ))}
          </SelectField>
          {value?.op !== 'exists' && value?.op !== 'not_exists' && (
            <Field
              label={t('condition.value')}
              name="conditionValue"
              value={String(value?.value ?? '')}
              error={errors.value}
              onChange={(e) => set({ value: e.currentTarget.value })}
            />
          )}
        </>
      )}
      {on === 'channel' && (
        <fieldset className="flow-rows" aria-label={t('condition.channels')}>
          {CHANNELS.map((c) => (
            <CheckboxField
              key={c}
              label={t(`condition.channelNames.${c}`)}
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
          label={t('condition.open')}
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
