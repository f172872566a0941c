import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { formText } from '../../../../components/search-params';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

export type Tag = RouterOutputs['tags']['list']['data'][number];

// English labels: they find the field in the server's (English) messages.
const FIELDS = [
  { name: 'name', label: 'Name' },
  { name: 'color', label: 'Colour' },
];

/** Creates a tag, or edits `tag` when given. */
export function TagForm({ tag, onClose }: { tag?: Tag; onClose: () => void }) {
  const { t } = useTranslation('crm');
  const [color, setColor] = useState(tag?.color ?? '');
  const done = useRefresh(trpc.tags.pathFilter(), onClose);
  const create = useMutation(trpc.tags.create.mutationOptions(done));
  const update = useMutation(trpc.tags.update.mutationOptions(done));
  const save = tag ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (form: FormData) => {
    const values = { name: String(form.get('name') ?? ''), color: formText(form, 'color') };
    if (tag) update.mutate({ id: tag.id, patch: values });
    else create.mutate(values);
  };

  return (
    <DialogForm
      title={tag ? t('tags.form.editTitle', { name: tag.name }) : t('tags.form.newTitle')}
      onClose={onClose}
      stack
      noValidate
      onSubmit={submit}
      error={errors.form}
      submitLabel={tag ? t('tags.form.save') : t('tags.form.create')}
      pending={save.isPending}
    >
      <Field
        label={t('tags.form.name')}
        name="name"
        defaultValue={tag?.name}
        required
        maxLength={100}
        autoFocus
        error={errors.fields.name}
      />
      <div className="color-row">
        <Field
          label={t('tags.form.colour')}
          name="color"
          value={color}
          onChange={(e) => setColor(e.currentTarget.value)}
          hint={t('tags.form.colourHint')}
          error={errors.fields.color}
        />
        <input
          type="color"
          aria-label={t('tags.form.pick')}
          value={/^#[0-9a-f]{6}$/i.test(color) ? color : '#98a2b3'}
          onChange={(e) => setColor(e.currentTarget.value)}
        />
      </div>
    </DialogForm>
  );
}
