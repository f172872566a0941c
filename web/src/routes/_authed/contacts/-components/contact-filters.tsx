import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../../components/field';
import { SelectField } from '../../../../components/form-controls';
import { formText } from '../../../../components/search-params';
import type { TagRow } from '../../../../components/tag-chip';
import type { ContactSearch } from './contact-search';

interface ContactFiltersProps {
  search: ContactSearch;
  tags: TagRow[];
  onApply: (filters: Omit<ContactSearch, 'page'>) => void;
}

/** Name, external id and phone match anywhere in the value; tags match any of those chosen. */
export function ContactFilters({ search, tags, onApply }: ContactFiltersProps) {
  const { t } = useTranslation('crm');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tagIds = form.getAll('tag_ids').map(Number);
    onApply({
      name: formText(form, 'name') ?? undefined,
      external_id: formText(form, 'external_id') ?? undefined,
      phone_number: formText(form, 'phone_number') ?? undefined,
      tag_ids: tagIds.length > 0 ? tagIds : undefined,
    });
  };
  // Keyed by the applied filters so Back/Forward refill the form.
  return (
    <search aria-label={t('contacts.filters.label')}>
      <form key={JSON.stringify(search)} className="toolbar" onSubmit={submit}>
        <Field
          label={t('contacts.filters.name')}
          name="name"
          type="search"
          defaultValue={search.name}
        />
        <Field
          label={t('contacts.filters.externalId')}
          name="external_id"
          type="search"
          defaultValue={search.external_id}
        />
        <Field
          label={t('contacts.filters.phone')}
          name="phone_number"
          type="search"
          defaultValue={search.phone_number}
        />
        <SelectField
          label={t('contacts.filters.tags')}
          name="tag_ids"
          multiple
          size={Math.min(4, Math.max(2, tags.length))}
          defaultValue={search.tag_ids?.map(String) ?? []}
          hint={t('contacts.filters.tagsHint')}
        >
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </SelectField>
        <div className="toolbar-actions">
          <button type="submit" className="button">
            {t('contacts.filters.apply')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => onApply({})}>
            {t('contacts.filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}
