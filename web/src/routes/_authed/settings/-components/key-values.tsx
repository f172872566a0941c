import { Field } from '../../../../components/field';
import { RowButton } from '../../../../components/row-actions';

export interface Pair {
  key: string;
  value: string;
}

interface KeyValuesProps {
  legend: string;
  hint: string;
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
  /** Secret values: typed into password inputs. */
  secret?: boolean;
  error?: string;
}

/** Rows of name → value (a channel's settings or its credentials). */
export function KeyValues({ legend, hint, pairs, onChange, secret, error }: KeyValuesProps) {
  const set = (index: number, pair: Pair) =>
    onChange(pairs.map((p, i) => (i === index ? pair : p)));
  const noun = legend.toLowerCase().replace(/s$/, '');
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {error && <p className="field-error">{error}</p>}
      {pairs.map((pair, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; only appended or removed
        <div key={index} className="pair-row">
          <Field
            label={`${Noun} name ${index + 1}`}
            name={`${noun}-key-${index}`}
            value={pair.key}
            autoComplete="off"
            onChange={(e) => set(index, { ...pair, key: e.currentTarget.value })}
          />
          <Field
            label={`${Noun} value ${index + 1}`}
            name={`${noun}-value-${index}`}
            type={secret ? 'password' : 'text'}
            autoComplete={secret ? 'new-password' : 'off'}
            value={pair.value}
            onChange={(e) => set(index, { ...pair, value: e.currentTarget.value })}
          />
          <RowButton
            label="Remove"
            name={`Remove ${noun} ${pair.key || index + 1}`}
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
          Add {noun}
        </button>
      </div>
    </fieldset>
  );
}

export const filled = (pairs: Pair[]) => pairs.filter((p) => p.key.trim() !== '');
