import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../../../components/dialog-form';
import { Field } from '../../../../components/field';
import { formErrors } from '../../../../components/field-errors';
import { useRefresh } from '../../../../components/use-refresh';
import { type RouterOutputs, trpc } from '../../../../lib/trpc';
import type { CatalogSection } from './kinds';

export type Entry = RouterOutputs['catalog']['list']['data'][number];

// English label: it finds the field in the server's (English) messages.
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
  const { t } = useTranslation('crm');
  const words = `catalog.kinds.${section.kind}` as const;
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
      title={entry ? t(`${words}.renameTitle`, { name: entry.name }) : t(`${words}.new`)}
      onClose={onClose}
      stack
      noValidate
      onSubmit={submit}
      error={errors.form}
      submitLabel={entry ? t('catalog.save') : t(`${words}.create`)}
      pending={save.isPending}
    >
      <Field
        label={t('catalog.name')}
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
