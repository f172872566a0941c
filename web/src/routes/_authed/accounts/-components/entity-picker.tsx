import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../../components/field';
import { SelectField } from '../../../../components/form-controls';
import { trpc } from '../../../../lib/trpc';

export type PickerKind = 'contact' | 'server' | 'application' | 'device';

interface EntityPickerProps {
  kind: PickerKind;
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
  required?: boolean;
  error?: string;
}

interface Option {
  id: number;
  label: string;
}

function useDebounced(value: string, ms = 250) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const contactLabel = (c: { name: string | null; external_id: string }) =>
  c.name ? `${c.name} (${c.external_id})` : c.external_id;

/** Options matching `term` (first 50), and the label of the chosen one if it is not among them. */
function useOptions(kind: PickerKind, term: string, value: number | null) {
  const search = term.trim() || undefined;
  const contacts = useQuery({
    ...trpc.contacts.list.queryOptions({ name: search, limit: 50 }),
    enabled: kind === 'contact',
    placeholderData: keepPreviousData,
  });
  const entries = useQuery({
    ...trpc.catalog.list.queryOptions({
      kind: kind === 'contact' ? 'server' : kind,
      search,
      limit: 50,
    }),
    enabled: kind !== 'contact',
    placeholderData: keepPreviousData,
  });
  const options: Option[] =
    kind === 'contact'
      ? (contacts.data?.data ?? []).map((c) => ({ id: c.id, label: contactLabel(c) }))
      : (entries.data?.data ?? []).map((e) => ({ id: e.id, label: e.name }));
  const missing = value !== null && !options.some((o) => o.id === value);
  const chosenContact = useQuery({
    ...trpc.contacts.get.queryOptions({ id: value ?? 0 }),
    enabled: missing && kind === 'contact',
  });
  const chosenEntry = useQuery({
    ...trpc.catalog.get.queryOptions({
      kind: kind === 'contact' ? 'server' : kind,
      id: value ?? 0,
    }),
    enabled: missing && kind !== 'contact',
  });
  if (missing) {
    const label = chosenContact.data
      ? contactLabel(chosenContact.data)
      : (chosenEntry.data?.name ?? `#${value}`);
    options.unshift({ id: value, label });
  }
  return options;
}

/** A search box narrowing a select of contacts or catalog entries. */
export function EntityPicker(props: EntityPickerProps) {
  const { kind, label, value, onChange, required, error } = props;
  const { t } = useTranslation('crm');
  const [term, setTerm] = useState('');
  const options = useOptions(kind, useDebounced(term), value);
  return (
    <div className="picker">
      <Field
        label={t(`accounts.picker.${kind}.search`)}
        name={`${kind}-search`}
        type="search"
        value={term}
        onChange={(e) => setTerm(e.currentTarget.value)}
      />
      <SelectField
        label={label}
        name={`${kind}_id`}
        value={value === null ? '' : String(value)}
        onChange={(e) => onChange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
        required={required}
        error={error}
      >
        <option value="" disabled={required}>
          {required ? t(`accounts.picker.${kind}.choose`) : t('accounts.picker.none')}
        </option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
