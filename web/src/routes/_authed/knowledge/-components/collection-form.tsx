import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';

export type Collection = RouterOutputs['knowledge']['collections']['list'][number];

/** Creates a collection, or renames `collection`. */
export function CollectionForm({
  collection,
  onClose,
}: {
  collection?: Collection;
  onClose: () => void;
}) {
  const { t } = useTranslation('knowledge');
  const done = useRefresh(trpc.knowledge.pathFilter(), onClose);
  const create = useMutation(trpc.knowledge.collections.create.mutationOptions(done));
  const rename = useMutation(trpc.knowledge.collections.rename.mutationOptions(done));
  const save = collection ? rename : create;
  const errors = formErrors(save.error, [{ name: 'name', label: 'Name' }]); // the server's (English) word;

  return (
    <DialogForm
      title={
        collection
          ? t('collections.form.renameTitle', { name: collection.name })
          : t('collections.form.newTitle')
      }
      onClose={onClose}
      stack
      onSubmit={(form) => {
        const name = String(form.get('name') ?? '');
        if (collection) rename.mutate({ id: collection.id, name });
        else create.mutate({ name });
      }}
      error={errors.form}
      submitLabel={collection ? t('collections.form.rename') : t('collections.form.create')}
      pending={save.isPending}
    >
      <Field
        label={t('collections.form.name')}
        name="name"
        defaultValue={collection?.name}
        required
        maxLength={120}
        autoFocus
        error={errors.fields.name}
      />
    </DialogForm>
  );
}
