import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './field';

interface SearchFormProps {
  label: string;
  value: string | undefined;
  onSearch: (text: string | undefined) => void;
}

/** One search box over a list; submitting (Enter or the button) applies it. */
export function SearchForm({ label, value, onSearch }: SearchFormProps) {
  const { t } = useTranslation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('search') ?? '').trim();
    onSearch(text || undefined);
  };
  return (
    <search aria-label={label}>
      <form className="toolbar" onSubmit={submit}>
        {/* Keyed by value so Back/Forward refill the box. */}
        <Field key={value ?? ''} label={label} name="search" type="search" defaultValue={value} />
        <div className="toolbar-actions">
          <button type="submit" className="button">
            {t('actions.search')}
          </button>
          {value && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onSearch(undefined)}
            >
              {t('actions.clear')}
            </button>
          )}
        </div>
      </form>
    </search>
  );
}
