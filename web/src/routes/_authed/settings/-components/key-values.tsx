import { useTranslation } from 'react-i18next';
import { Field } from '../../../../components/field';
import { RowButton } from '../../../../components/row-actions';

export interface Pair {
  key: string;
  value: string;
}

/** What the rows are: names the fieldset, its inputs (`setting-key-0`) and its buttons. */
export type PairKind = 'setting' | 'credential' | 'header';

interface KeyValuesProps {
  kind: PairKind;
  hint: string;
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
  /** Secret values: typed into password inputs. */
  secret?: boolean;
  error?: string;
}

/** Rows of name → value (a channel's settings or its credentials). */
export function KeyValues({ kind, hint, pairs, onChange, secret, error }: KeyValuesProps) {
  const { t } = useTranslation('settings');
  const set = (index: number, pair: Pair) =>
    onChange(pairs.map((p, i) => (i === index ? pair : p)));
  return (
    <fieldset className="fieldset">
      <legend>{t(`pairs.${kind}.legend`)}</legend>
      <p className="field-hint">{hint}</p>
      {error && <p className="field-error">{error}</p>}
      {pairs.map((pair, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; only appended or removed
        <div key={index} className="pair-row">
          <Field
            label={t(`pairs.${kind}.name`, { n: index + 1 })}
            name={`${kind}-key-${index}`}
            value={pair.key}
            autoComplete="off"
            onChange={(e) => set(index, { ...pair, key: e.currentTarget.value })}
          />
          <Field
            label={t(`pairs.${kind}.value`, { n: index + 1 })}
            name={`${kind}-value-${index}`}
            type={secret ? 'password' : 'text'}
            autoComplete={secret ? 'new-password' : 'off'}
            value={pair.value}
            onChange={(e) => set(index, { ...pair, value: e.currentTarget.value })}
          />
          <RowButton
            label={t('pairs.remove')}
            name={t(`pairs.${kind}.remove`, { which: pair.key || index + 1 })}
            onClick={() => onChange(pairs.filter((_, i) => i !== index))}
          />
        </div>
      ))}
      <div>
        <button
          type="button"
          className="button"
          onClick={() => onChange([...pairs, { key: '', value: '' }])}
        >
          {t(`pairs.${kind}.add`)}
        </button>
      </div>
    </fieldset>
  );
}

export const filled = (pairs: Pair[]) => pairs.filter((p) => p.key.trim() !== '');
