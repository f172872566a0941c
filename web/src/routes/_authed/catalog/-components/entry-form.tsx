import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Dialog } from '../../../../components/dialog';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { FormAlert } from '../../../../components/form-error';
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
  const queryClient = useQueryClient();
  const done = {
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.catalog.pathFilter());
      onClose();
    },
  };
  const create = useMutation(trpc.catalog.create.mutationOptions(done));
  const update = useMutation(trpc.catalog.update.mutationOptions(done));
  const save = entry ? update : create;
  const errors = formErrors(save.error, FIELDS);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '');
    if (entry) update.mutate({ kind: section.kind, id: entry.id, patch: { name } });
    else create.mutate({ kind: section.kind, name });
  };

  return (
    <Dialog
      title={entry ? `Rename ${section.singular} ${entry.name}` : `New ${section.singular}`}
      onClose={onClose}
    >
      <form className="form-stack" onSubmit={submit} noValidate>
        <FormAlert message={errors.form} />
        <Field
          label="Name"
          name="name"
          defaultValue={entry?.name}
          required
          maxLength={100}
          autoFocus
          error={errors.fields.name}
        />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : entry ? 'Save' : `Create ${section.singular}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
