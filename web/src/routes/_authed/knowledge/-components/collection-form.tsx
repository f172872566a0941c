import { useMutation } from '@tanstack/react-query';
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
  const done = useRefresh(trpc.knowledge.pathFilter(), onClose);
  const create = useMutation(trpc.knowledge.collections.create.mutationOptions(done));
  const rename = useMutation(trpc.knowledge.collections.rename.mutationOptions(done));
  const save = collection ? rename : create;
  const errors = formErrors(save.error, [{ name: 'name', label: 'Name' }]);

  return (
    <DialogForm
      title={collection ? `Rename collection ${collection.name}` : 'New collection'}
      onClose={onClose}
      stack
      onSubmit={(form) => {
        const name = String(form.get('name') ?? '');
        if (collection) rename.mutate({ id: collection.id, name });
        else create.mutate({ name });
      }}
      error={errors.form}
      submitLabel={collection ? 'Rename collection' : 'Create collection'}
      pending={save.isPending}
    >
      <Field
        label="Collection name"
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
