import { useTranslation } from 'react-i18next';
import { Field } from '../../../../../components/field';
import { CheckboxField, SelectField } from '../../../../../components/form-controls';
import {
  blankExpectation,
  EXPECTATION_KINDS,
  type Expectation,
  type ExpectationKind,
  kindSpec,
} from './case-model';

interface Props {
  expectations: Expectation[];
  onChange: (expectations: Expectation[]) => void;
  /** The server's messages by path inside the case ("expectations.0.text"). */
  errors: Record<string, string>;
}

/** A case's expectations: each a kind and that kind's fields, the server's message under each. */
export function ExpectationsEditor({ expectations, onChange, errors }: Props) {
  const { t } = useTranslation('botTests');
  const set = (i: number, next: Expectation) =>
    onChange(expectations.map((e, j) => (j === i ? next : e)));
  return (
    <fieldset className="bot-test-expectations">
      <legend>{t('expectations.legend')}</legend>
      {expectations.map((e, i) => {
        const n = i + 1;
        const error = (key: string) => errors[`expectations.${i}.${key}`];
        const values = e as unknown as Record<string, unknown>;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: expectations have no identity but their place
          <fieldset key={i} className="bot-test-expectation">
            <legend>{t('expectations.item', { n })}</legend>
            <SelectField
              label={t('expectations.kind', { n })}
              name={`expectation-${i}-kind`}
              value={e.kind}
              error={error('kind')}
              onChange={(ev) => set(i, blankExpectation(ev.currentTarget.value as ExpectationKind))}
            >
              {EXPECTATION_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {t(`expectations.kinds.${k.kind}`)}
                </option>
              ))}
            </SelectField>
            {kindSpec(e.kind).fields.map((f) => {
              const label = t('expectations.field', {
                label: t(`expectations.fields.${f.label}`),
                n,
              });
              const name = `expectation-${i}-${f.key}`;
              const patch = (v: unknown) => {
                const next = { ...values };
                if (v === undefined) delete next[f.key];
                else next[f.key] = v;
                set(i, next as unknown as Expectation);
              };
              if (f.type === 'boolean')
                return (
                  <CheckboxField
                    key={f.key}
                    label={label}
                    name={name}
                    checked={values[f.key] === true}
                    error={error(f.key)}
                    onChange={(ev) => patch(ev.currentTarget.checked)}
                  />
                );
              const value = values[f.key];
              return (
                <Field
                  key={f.key}
                  label={label}
                  name={name}
                  type={f.type}
                  value={value === undefined ? '' : String(value)}
                  error={error(f.key)}
                  onChange={(ev) => {
                    const v = ev.currentTarget.value;
                    if (f.type === 'text') patch(v);
                    else patch(v === '' && f.optional ? undefined : Number(v));
                  }}
                />
              );
            })}
            <button
              type="button"
              className="button button-quiet button-small"
              aria-label={t('expectations.removeItem', { n })}
              onClick={() => onChange(expectations.filter((_, j) => j !== i))}
            >
              {t('expectations.remove')}
            </button>
          </fieldset>
        );
      })}
      {errors.expectations && <p className="field-error">{errors.expectations}</p>}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...expectations, blankExpectation('reply_contains')])}
      >
        {t('expectations.add')}
      </button>
    </fieldset>
  );
}
