import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../../components/dialog';
import { SelectField } from '../../../../components/form-controls';
import { FormError } from '../../../../components/form-error';
import { TagChip, type TagRow } from '../../../../components/tag-chip';
import { trpc } from '../../../../lib/trpc';

/** The tags on one contact: remove each, add one of the workspace's others. */
export function ContactTags({
  contactId,
  tags,
  onClose,
}: {
  contactId: number;
  tags: TagRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation('crm');
  const headingId = useId();
  const queryClient = useQueryClient();
  const contact = useQuery(trpc.contacts.get.queryOptions({ id: contactId }));
  const refresh = {
    onSuccess: () => queryClient.invalidateQueries(trpc.contacts.pathFilter()),
  };
  const [chosen, setChosen] = useState('');
  const add = useMutation(
    trpc.contacts.addTags.mutationOptions({
      onSuccess: async () => {
        setChosen('');
        await refresh.onSuccess();
      },
    }),
  );
  const remove = useMutation(trpc.contacts.removeTags.mutationOptions(refresh));
  const current = contact.data?.tags ?? [];
  const addable = tags.filter((tag) => !current.some((c) => c.id === tag.id));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (chosen) add.mutate({ id: contactId, tag_ids: [Number(chosen)] });
  };

  const name = contact.data ? (contact.data.name ?? contact.data.external_id) : '…';
  return (
    <Dialog title={t('contacts.tags.title', { name })} onClose={onClose}>
      <div className="form-stack">
        <FormError error={contact.error ?? add.error ?? remove.error} />
        <h3 id={headingId} className="visually-hidden">
          {t('contacts.tags.current')}
        </h3>
        <ul className="tag-list" aria-labelledby={headingId}>
          {current.map((tag) => (
            <li key={tag.id}>
              <TagChip name={tag.name} color={tag.color} />
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={t('contacts.tags.removeTag', { name: tag.name })}
                disabled={remove.isPending}
                onClick={() => remove.mutate({ id: contactId, tag_ids: [tag.id] })}
              >
                {t('contacts.tags.remove')}
              </button>
            </li>
          ))}
          {contact.isSuccess && current.length === 0 && (
            <li className="muted">{t('contacts.tags.none')}</li>
          )}
        </ul>
        <form className="inline-form" onSubmit={submit}>
          <SelectField
            label={t('contacts.tags.toAdd')}
            name="tag"
            required
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value)}
          >
            <option value="" disabled>
              {addable.length ? t('contacts.tags.choose') : t('contacts.tags.noOther')}
            </option>
            {addable.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button" disabled={add.isPending || !addable.length}>
            {t('contacts.tags.add')}
          </button>
        </form>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('contacts.tags.done')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
