import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface RowColumn {
  key: string;
  label: string;
  placeholder?: string;
  type?: 'text' | 'password';
}

interface Props {
  /** The list's name, for its heading and its buttons ("Add button"). */
  legend: string;
  noun: string;
  columns: RowColumn[];
  rows: Record<string, string>[];
  onChange: (rows: Record<string, string>[]) => void;
  /** A new row's values. */
  blank: (index: number) => Record<string, string>;
  max?: number;
  /** Field errors by path under the list ("0.title"). */
  errors: Record<string, string>;
  /** The list's own error (too many rows, none). */
  error?: string;
}

/** An editable list of small records: reply buttons, list rows, headers, saved fields. */
export function RowsEditor({
  legend,
  noun,
  columns,
  rows,
  onChange,
  blank,
  max,
  errors,
  error,
}: Props) {
  const { t } = useTranslation('flows');
  const id = useId();
  const set = (i: number, key: string, value: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <fieldset className="flow-rows" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div key={i} className="flow-row">
          {columns.map((c) => {
            const message = errors[`${i}.${c.key}`];
            const inputId = `${id}-${i}-${c.key}`;
            return (
              <div key={c.key} className="field">
                <label htmlFor={inputId}>{t('rows.cell', { label: c.label, n: i + 1 })}</label>
                <input
                  id={inputId}
                  type={c.type ?? 'text'}
                  value={row[c.key] ?? ''}
                  placeholder={c.placeholder}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? `${inputId}-error` : undefined}
                  onChange={(e) => set(i, c.key, e.currentTarget.value)}
                />
                {message && (
                  <p id={`${inputId}-error`} className="field-error">
                    {message}
                  </p>
                )}
              </div>
            );
          })}
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label={t('rows.removeRow', { noun, n: i + 1 })}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            {t('rows.remove')}
          </button>
        </div>
      ))}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {(max === undefined || rows.length < max) && (
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...rows, blank(rows.length)])}
        >
          {t('rows.add', { noun })}
        </button>
      )}
    </fieldset>
  );
}

/** The errors under `prefix.` with the prefix taken off. */
export function errorsUnder(errors: Record<string, string>, prefix: string) {
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith(`${prefix}.`))
      .map(([k, v]) => [k.slice(prefix.length + 1), v]),
  );
}
