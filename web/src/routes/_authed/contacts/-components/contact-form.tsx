import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { SelectField, TextAreaField } from '../../../../components/form-controls';
import { formText } from '../../../../components/search-params';
import type { TagRow } from '../../../../components/tag-chip';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

export type Contact = RouterOutputs['contacts']['list']['data'][number];

// English labels: they find the field in the server's (English) messages.
const FIELDS = [
  { name: 'external_id', label: 'External ID' },
  { name: 'name', label: 'Name' },
  { name: 'phone_number', label: 'Phone number' },
  { name: 'notes', label: 'Notes' },
  { name: 'tag_ids', label: 'Tags' },
];

interface ContactFormProps {
  contact?: Contact;
  tags: TagRow[];
  onClose: () => void;
}

/** Creates a contact (with tags), or edits `contact`'s fields (tags have their own dialog). */
export function ContactForm({ contact, tags, onClose }: ContactFormProps) {
  const { t } = useTranslation('crm');
  const done = useRefresh(trpc.contacts.pathFilter(), onClose);
  const create = useMutation(trpc.contacts.create.mutationOptions(done));
  const update = useMutation(trpc.contacts.update.mutationOptions(done));
  const save = contact ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (form: FormData) => {
    const values = {
      external_id: String(form.get('external_id') ?? ''),
      name: formText(form, 'name'),
      phone_number: formText(form, 'phone_number'),
      notes: formText(form, 'notes'),
    };
    if (contact) update.mutate({ id: contact.id, patch: values });
    else create.mutate({ ...values, tag_ids: form.getAll('tag_ids').map(Number) });
  };

  return (
    <DialogForm
      title={
        contact
          ? t('contacts.form.editTitle', { name: contact.name ?? contact.external_id })
          : t('contacts.form.newTitle')
      }
      onClose={onClose}
      noValidate
      onSubmit={submit}
      error={errors.form}
      submitLabel={contact ? t('contacts.form.save') : t('contacts.form.create')}
      pending={save.isPending}
    >
      <Field
        label={t('contacts.form.externalId')}
        name="external_id"
        defaultValue={contact?.external_id}
        required
        maxLength={50}
        autoFocus
        hint={t('contacts.form.externalIdHint')}
        error={errors.fields.external_id}
      />
      <Field
        label={t('contacts.form.name')}
        name="name"
        defaultValue={contact?.name ?? ''}
        maxLength={150}
        error={errors.fields.name}
      />
      <Field
        label={t('contacts.form.phoneNumber')}
        name="phone_number"
        type="tel"
        defaultValue={contact?.phone_number ?? ''}
        maxLength={20}
        error={errors.fields.phone_number}
      />
      {!contact && (
        <SelectField
          label={t('contacts.form.tags')}
          name="tag_ids"
          multiple
          size={Math.min(4, Math.max(2, tags.length))}
          error={errors.fields.tag_ids}
        >
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="span-2">
        <TextAreaField
          label={t('contacts.form.notes')}
          name="notes"
          defaultValue={contact?.notes ?? ''}
          error={errors.fields.notes}
        />
      </div>
    </DialogForm>
  );
}
