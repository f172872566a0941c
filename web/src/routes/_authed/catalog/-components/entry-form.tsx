import { useMutation } from '@tanstack/react-query';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import type { CatalogSection } from './kinds';

export type Entry = RouterOutputs['catalog']['list']['data'][number];

const FIELDS = [{ name: 'name', label: 'Name' }];

/** Creates an entry of `section`'s kind, or renames `entry`. */
export function EntryForm({
  section,
  entry,
  onClose,
}: {
  section: CatalogSection;
  entry?: Entry;
  onClose: () => void;
}) {
  const done = useRefresh(trpc.catalog.pathFilter(), onClose);
  const create = useMutation(trpc.catalog.create.mutationOptions(done));
  const update = useMutation(trpc.catalog.update.mutationOptions(done));
  const save = entry ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (form: FormData) => {
    const name = String(form.get('name') ?? '');
    if (entry) update.mutate({ kind: section.kind, id: entry.id, patch: { name } });
    else create.mutate({ kind: section.kind, name });
  };

  return (
    <DialogForm
      title={entry ? `Rename ${section.singular} ${entry.name}` : `New ${section.singular}`}
      onClose={onClose}
      stack
      noValidate
      onSubmit={submit}
      error={errors.form}
      submitLabel={entry ? 'Save' : `Create ${section.singular}`}
      pending={save.isPending}
    >
      <Field
        label="Name"
        name="name"
        defaultValue={entry?.name}
        required
        maxLength={100}
        autoFocus
        error={errors.fields.name}
      />
    </DialogForm>
  );
}
